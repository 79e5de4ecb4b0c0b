// Batched SHA-256 for the ledger verifier: one N-API call hashes many messages with the OpenSSL that Node links
// (hardware SHA extensions where the CPU has them). node:crypto pays about 1 µs per call, more than hashing a
// 33-, 65- or 700-byte message costs; here a call covers a whole batch.
#define NAPI_VERSION 8
#include <node_api.h>
#include <openssl/sha.h>
#include <stdint.h>
#include <string.h>

static int buffer_arg(napi_env env, napi_value value, uint8_t **data, size_t *length) {
  bool is_buffer = false;
  if (napi_is_buffer(env, value, &is_buffer) != napi_ok || !is_buffer) return 0;
  return napi_get_buffer_info(env, value, (void **)data, length) == napi_ok;
}

// The low-level calls, not SHA256(): in OpenSSL 3 that one fetches the digest from a provider on every call.
static void sha256(const uint8_t *data, size_t length, uint8_t *out) {
  SHA256_CTX ctx;
  SHA256_Init(&ctx);
  SHA256_Update(&ctx, data, length);
  SHA256_Final(out, &ctx);
}

static napi_value fail(napi_env env, const char *message) {
  napi_throw_type_error(env, NULL, message);
  return NULL;
}

// entries(bytes, ends, count, out, expected): hashes bytes[ends[i-1]..ends[i]) (ends[-1] = 0) into out[32i..];
// returns the index of the first digest that differs from expected[32i..], or -1.
static napi_value entries(napi_env env, napi_callback_info info) {
  size_t argc = 5;
  napi_value argv[5];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc != 5) return fail(env, "entries: 5 arguments");
  uint8_t *bytes, *out, *expected;
  size_t bytes_len, out_len, expected_len;
  bool is_typed = false;
  napi_typedarray_type type;
  size_t ends_len;
  void *ends_data;
  uint32_t count;
  if (!buffer_arg(env, argv[0], &bytes, &bytes_len) || !buffer_arg(env, argv[3], &out, &out_len) ||
      !buffer_arg(env, argv[4], &expected, &expected_len))
    return fail(env, "entries: bytes, out and expected must be Buffers");
  if (napi_is_typedarray(env, argv[1], &is_typed) != napi_ok || !is_typed ||
      napi_get_typedarray_info(env, argv[1], &type, &ends_len, &ends_data, NULL, NULL) != napi_ok || type != napi_uint32_array)
    return fail(env, "entries: ends must be a Uint32Array");
  if (napi_get_value_uint32(env, argv[2], &count) != napi_ok) return fail(env, "entries: count must be a number");
  if (count > ends_len || (size_t)count * 32 > out_len || (size_t)count * 32 > expected_len) return fail(env, "entries: count out of range");
  const uint32_t *ends = ends_data;
  int32_t mismatch = -1;
  uint32_t start = 0;
  for (uint32_t i = 0; i < count; i++) {
    uint32_t end = ends[i];
    if (end < start || end > bytes_len) return fail(env, "entries: ends out of range");
    sha256(bytes + start, end - start, out + 32 * (size_t)i);
    if (mismatch < 0 && memcmp(out + 32 * (size_t)i, expected + 32 * (size_t)i, 32) != 0) mismatch = (int32_t)i;
    start = end;
  }
  napi_value result;
  napi_create_int32(env, mismatch, &result);
  return result;
}

// merkle(prefix, input, width, count, out): out[32i..] = SHA-256(prefix || input[width*i .. width*(i+1))), the RFC 6962
// leaf (prefix 0, width 32) and interior node (prefix 1, width 64) hashes of a batch.
static napi_value merkle(napi_env env, napi_callback_info info) {
  size_t argc = 5;
  napi_value argv[5];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc != 5) return fail(env, "merkle: 5 arguments");
  uint32_t prefix, width, count;
  uint8_t *input, *out;
  size_t input_len, out_len;
  if (napi_get_value_uint32(env, argv[0], &prefix) != napi_ok || prefix > 255 ||
      napi_get_value_uint32(env, argv[2], &width) != napi_ok || width > 64 ||
      napi_get_value_uint32(env, argv[3], &count) != napi_ok)
    return fail(env, "merkle: prefix, width and count must be small numbers");
  if (!buffer_arg(env, argv[1], &input, &input_len) || !buffer_arg(env, argv[4], &out, &out_len))
    return fail(env, "merkle: input and out must be Buffers");
  if ((size_t)count * width > input_len || (size_t)count * 32 > out_len) return fail(env, "merkle: count out of range");
  uint8_t message[65];
  message[0] = (uint8_t)prefix;
  for (uint32_t i = 0; i < count; i++) {
    memcpy(message + 1, input + (size_t)width * i, width);
    sha256(message, width + 1, out + 32 * (size_t)i);
  }
  return NULL;
}

static napi_value init(napi_env env, napi_value exports) {
  napi_property_descriptor properties[] = {
    {"entries", NULL, entries, NULL, NULL, NULL, napi_default, NULL},
    {"merkle", NULL, merkle, NULL, NULL, NULL, napi_default, NULL},
  };
  napi_define_properties(env, exports, 2, properties);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
