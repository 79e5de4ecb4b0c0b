// Batched SHA-256 for the ledger verifier: one N-API call hashes many messages with the OpenSSL that Node links
// (hardware SHA extensions where the CPU has them). node:crypto pays about 1 µs per call, more than hashing a
// 33-, 65- or 700-byte message costs; here a call covers a whole batch.
#define NAPI_VERSION 8
#include <node_api.h>
#include <openssl/sha.h>
#include <stdint.h>
#include <stdio.h>
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

static const char HEX_DIGITS[] = "0123456789abcdef";

// Whether a JS value is exactly the lowercase hex text of a 32-byte digest.
static int is_hex_of(napi_env env, napi_value value, const uint8_t *digest) {
  char text[66];
  size_t n = 0;
  napi_valuetype type;
  if (napi_typeof(env, value, &type) != napi_ok || type != napi_string) return 0;
  if (napi_get_value_string_utf8(env, value, text, sizeof text, &n) != napi_ok || n != 64) return 0;
  for (int i = 0; i < 32; i++)
    if (text[2 * i] != HEX_DIGITS[digest[i] >> 4] || text[2 * i + 1] != HEX_DIGITS[digest[i] & 15]) return 0;
  return 1;
}

// entries(bytes, ends, count, out, expected): hashes bytes[ends[i-1]..ends[i]) (ends[-1] = 0) into out[32i..];
// returns the first i whose digest's lowercase hex is not the string expected[i], or -1.
static napi_value entries(napi_env env, napi_callback_info info) {
  size_t argc = 5;
  napi_value argv[5];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc != 5) return fail(env, "entries: 5 arguments");
  uint8_t *bytes, *out;
  size_t bytes_len, out_len;
  bool is_typed = false, is_array = false;
  napi_typedarray_type type;
  size_t ends_len;
  void *ends_data;
  uint32_t count, expected_len;
  if (!buffer_arg(env, argv[0], &bytes, &bytes_len) || !buffer_arg(env, argv[3], &out, &out_len))
    return fail(env, "entries: bytes and out must be Buffers");
  if (napi_is_typedarray(env, argv[1], &is_typed) != napi_ok || !is_typed ||
      napi_get_typedarray_info(env, argv[1], &type, &ends_len, &ends_data, NULL, NULL) != napi_ok || type != napi_uint32_array)
    return fail(env, "entries: ends must be a Uint32Array");
  if (napi_is_array(env, argv[4], &is_array) != napi_ok || !is_array || napi_get_array_length(env, argv[4], &expected_len) != napi_ok)
    return fail(env, "entries: expected must be an array of hex strings");
  if (napi_get_value_uint32(env, argv[2], &count) != napi_ok) return fail(env, "entries: count must be a number");
  if (count > ends_len || (size_t)count * 32 > out_len || count > expected_len) return fail(env, "entries: count out of range");
  const uint32_t *ends = ends_data;
  int32_t mismatch = -1;
  uint32_t start = 0;
  for (uint32_t i = 0; i < count; i++) {
    uint32_t end = ends[i];
    if (end < start || end > bytes_len) return fail(env, "entries: ends out of range");
    sha256(bytes + start, end - start, out + 32 * (size_t)i);
    if (mismatch < 0) {
      napi_value expected;
      if (napi_get_element(env, argv[4], i, &expected) != napi_ok || !is_hex_of(env, expected, out + 32 * (size_t)i)) mismatch = (int32_t)i;
    }
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

static size_t put(uint8_t *at, const char *text) {
  size_t n = strlen(text);
  memcpy(at, text, n);
  return n;
}

// Writes a JS string's UTF-8 at buf[at..]; 0 if it might not have fit (napi truncates silently).
static size_t put_string(napi_env env, napi_value value, uint8_t *buf, size_t at, size_t cap, int *ok) {
  size_t n = 0;
  if (cap <= at + 1 || napi_get_value_string_utf8(env, value, (char *)buf + at, cap - at, &n) != napi_ok || n >= cap - at - 1) *ok = 0;
  return n;
}

static size_t put_decimal(uint8_t *at, int64_t value) {
  char digits[24];
  int n = snprintf(digits, sizeof digits, "%lld", (long long)value);
  memcpy(at, digits, (size_t)n);
  return (size_t)n;
}

// A name that JSON.stringify copies as it is: printable ASCII without quote or backslash.
static int plain(const uint8_t *text, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (text[i] < 0x20 || text[i] > 0x7e || text[i] == '"' || text[i] == '\\') return 0;
  return 1;
}

// entry(buf, at, data, metadata, prevHash, revision, schemaVersion, stream, type): appends chainEntryText's UTF-8 at
// buf[at..] and returns where it ends, or -1 when this event needs the JS encoder (no room, a name to escape, a
// number out of range). prevHash must be lowercase hex or null, as the verifier has checked.
static napi_value entry(napi_env env, napi_callback_info info) {
  size_t argc = 9;
  napi_value argv[9];
  napi_value result;
  int64_t end = -1;
  uint8_t *buf;
  size_t cap;
  uint32_t start;
  int64_t revision, schema;
  napi_valuetype prev_type;
  int ok = 1;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc != 9 || !buffer_arg(env, argv[0], &buf, &cap) ||
      napi_get_value_uint32(env, argv[1], &start) != napi_ok || napi_get_value_int64(env, argv[5], &revision) != napi_ok ||
      napi_get_value_int64(env, argv[6], &schema) != napi_ok || napi_typeof(env, argv[4], &prev_type) != napi_ok)
    return fail(env, "entry: bad arguments");
  size_t at = start;
  // Fixed parts and numbers take at most 160 bytes; the strings are checked one by one.
  if (revision < 0 || schema < 0 || cap < at + 160) goto done;
  at += put(buf + at, "{\"data\":");
  at += put_string(env, argv[2], buf, at, cap - 160, &ok);
  if (!ok) goto done;
  at += put(buf + at, ",\"metadata\":");
  at += put_string(env, argv[3], buf, at, cap - 160, &ok);
  if (!ok) goto done;
  if (prev_type == napi_null) at += put(buf + at, ",\"prevHash\":null");
  else {
    at += put(buf + at, ",\"prevHash\":\"");
    at += put_string(env, argv[4], buf, at, cap - 160, &ok);
    if (!ok) goto done;
    buf[at++] = '"';
  }
  at += put(buf + at, ",\"revision\":");
  at += put_decimal(buf + at, revision);
  at += put(buf + at, ",\"schemaVersion\":");
  at += put_decimal(buf + at, schema);
  at += put(buf + at, ",\"stream\":\"");
  size_t from = at;
  at += put_string(env, argv[7], buf, at, cap - 160, &ok);
  if (!ok || !plain(buf + from, at - from)) goto done;
  at += put(buf + at, "\",\"type\":\"");
  from = at;
  at += put_string(env, argv[8], buf, at, cap - 4, &ok);
  if (!ok || !plain(buf + from, at - from)) goto done;
  at += put(buf + at, "\"}");
  end = (int64_t)at;
done:
  napi_create_int64(env, end, &result);
  return result;
}

static napi_value init(napi_env env, napi_value exports) {
  napi_property_descriptor properties[] = {
    {"entries", NULL, entries, NULL, NULL, NULL, napi_default, NULL},
    {"merkle", NULL, merkle, NULL, NULL, NULL, napi_default, NULL},
    {"entry", NULL, entry, NULL, NULL, NULL, napi_default, NULL},
  };
  napi_define_properties(env, exports, 3, properties);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
