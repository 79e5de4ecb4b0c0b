// SHA-256 for the ledger verifier, with the OpenSSL that Node links (hardware SHA extensions where the CPU has
// them). node:crypto pays about 1 µs per call, more than hashing a 33-, 65- or 700-byte message costs; here one
// call hashes a whole batch of Merkle nodes, or writes and hashes one chain entry straight from the event's strings.
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

static napi_value int32_value(napi_env env, int32_t value) {
  napi_value result;
  napi_create_int32(env, value, &result);
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

// Writes a JS string's UTF-8 at buf[at..], leaving `keep` bytes free; clears *ok if it is not a string or might not
// have fit: napi truncates silently, before a character that does not fit whole, so up to 4 bytes short of the room.
static size_t put_string(napi_env env, napi_value value, uint8_t *buf, size_t at, size_t cap, size_t keep, int *ok) {
  size_t n = 0;
  if (cap < at + keep + 8 || napi_get_value_string_utf8(env, value, (char *)buf + at, cap - keep - at, &n) != napi_ok ||
      n + 5 > cap - keep - at)
    *ok = 0;
  return n;
}

static size_t put_decimal(uint8_t *at, int64_t value) {
  char digits[24];
  int n = snprintf(digits, sizeof digits, "%lld", (long long)value);
  memcpy(at, digits, (size_t)n);
  return (size_t)n;
}

// A name that JSON.stringify copies as it is: ASCII from 0x20, without quote or backslash.
static int plain(const uint8_t *text, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (text[i] < 0x20 || text[i] > 0x7f || text[i] == '"' || text[i] == '\\') return 0;
  return 1;
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

// Room kept after data and metadata for the fixed parts, two numbers and the prevHash (64 hex digits).
#define TAIL 224

// entry(scratch, data, metadata, prevHash, revision, schemaVersion, stream, type, expected, out, outOffset): writes
// chainEntryText's UTF-8 into scratch, hashes it into out[outOffset..+32] and returns 1 if `expected` is the digest's
// lowercase hex, 0 if not; -1 when the event needs the JS encoder (a name that JSON escapes, a number or prevHash out
// of the expected shape, too little scratch). prevHash must be hex text or null, as the verifier has checked.
static napi_value entry(napi_env env, napi_callback_info info) {
  size_t argc = 11;
  napi_value argv[11];
  uint8_t *buf, *out;
  size_t cap, out_len;
  uint32_t out_at;
  int64_t revision, schema;
  napi_valuetype prev_type;
  int ok = 1;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc != 11 || !buffer_arg(env, argv[0], &buf, &cap) ||
      !buffer_arg(env, argv[9], &out, &out_len) || napi_get_value_uint32(env, argv[10], &out_at) != napi_ok ||
      (size_t)out_at + 32 > out_len)
    return fail(env, "entry: bad arguments");
  if (napi_get_value_int64(env, argv[4], &revision) != napi_ok || napi_get_value_int64(env, argv[5], &schema) != napi_ok ||
      revision < 0 || schema < 0 || napi_typeof(env, argv[3], &prev_type) != napi_ok)
    return int32_value(env, -1);
  size_t at = 0;
  at += put(buf + at, "{\"data\":");
  at += put_string(env, argv[1], buf, at, cap, TAIL, &ok);
  if (!ok) return int32_value(env, -1);
  at += put(buf + at, ",\"metadata\":");
  at += put_string(env, argv[2], buf, at, cap, TAIL, &ok);
  if (!ok) return int32_value(env, -1);
  if (prev_type == napi_null) at += put(buf + at, ",\"prevHash\":null");
  else {
    at += put(buf + at, ",\"prevHash\":\"");
    size_t from = at;
    at += put_string(env, argv[3], buf, at, cap, TAIL - 80, &ok);
    if (!ok || at - from != 64) return int32_value(env, -1);
    buf[at++] = '"';
  }
  at += put(buf + at, ",\"revision\":");
  at += put_decimal(buf + at, revision);
  at += put(buf + at, ",\"schemaVersion\":");
  at += put_decimal(buf + at, schema);
  at += put(buf + at, ",\"stream\":\"");
  size_t from = at;
  at += put_string(env, argv[6], buf, at, cap, 16, &ok);
  if (!ok || !plain(buf + from, at - from)) return int32_value(env, -1);
  at += put(buf + at, "\",\"type\":\"");
  from = at;
  at += put_string(env, argv[7], buf, at, cap, 4, &ok);
  if (!ok || !plain(buf + from, at - from)) return int32_value(env, -1);
  at += put(buf + at, "\"}");
  sha256(buf, at, out + out_at);
  return int32_value(env, is_hex_of(env, argv[8], out + out_at));
}

static napi_value init(napi_env env, napi_value exports) {
  napi_property_descriptor properties[] = {
    {"merkle", NULL, merkle, NULL, NULL, NULL, napi_default, NULL},
    {"entry", NULL, entry, NULL, NULL, NULL, napi_default, NULL},
  };
  napi_define_properties(env, exports, 2, properties);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
