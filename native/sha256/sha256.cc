// SHA-256 for the ledger verifier, with the OpenSSL that Node links (hardware SHA extensions where the CPU has
// them). node:crypto pays about 1 µs per call, more than hashing a 33-, 65- or 700-byte message costs; here one
// call hashes a batch of Merkle nodes, or writes and hashes one chain entry straight from the event's strings.
// It uses V8's API rather than N-API: a string stored one byte per character is then copied as it is when it is
// ASCII, where N-API always re-encodes it, and each argument costs less. So the addon is built for the Node it runs
// on (npm ci builds it); sha256-batch.ts falls back to JavaScript if it cannot be loaded.
#include <node.h>
#include <node_buffer.h>
#include <openssl/sha.h>

#include <cstdint>
#include <cstring>
#include <vector>

namespace {

using v8::FunctionCallbackInfo;
using v8::Isolate;
using v8::Local;
using v8::String;
using v8::Value;

// The low-level calls, not SHA256(): in OpenSSL 3 that one fetches the digest from a provider on every call.
void Sha256(const uint8_t* data, size_t length, uint8_t* out) {
  SHA256_CTX ctx;
  SHA256_Init(&ctx);
  SHA256_Update(&ctx, data, length);
  SHA256_Final(out, &ctx);
}

void Throw(Isolate* isolate, const char* message) {
  isolate->ThrowException(v8::Exception::TypeError(String::NewFromUtf8(isolate, message).ToLocalChecked()));
}

bool SmallUint(Local<Value> value, uint32_t max, uint32_t* out) {
  if (!value->IsUint32()) return false;
  *out = value.As<v8::Uint32>()->Value();
  return *out <= max;
}

// merkle(prefix, input, width, count, out): out[32i..] = SHA-256(prefix || input[width*i .. width*(i+1))), the RFC 6962
// leaf (prefix 0, width 32) and interior node (prefix 1, width 64) hashes of a batch.
void Merkle(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  uint32_t prefix, width, count;
  if (args.Length() != 5 || !SmallUint(args[0], 255, &prefix) || !SmallUint(args[2], 64, &width) ||
      !SmallUint(args[3], UINT32_MAX, &count))
    return Throw(isolate, "merkle: prefix, width and count must be small numbers");
  if (!node::Buffer::HasInstance(args[1]) || !node::Buffer::HasInstance(args[4]))
    return Throw(isolate, "merkle: input and out must be Buffers");
  const uint8_t* input = reinterpret_cast<const uint8_t*>(node::Buffer::Data(args[1]));
  uint8_t* out = reinterpret_cast<uint8_t*>(node::Buffer::Data(args[4]));
  if (size_t{count} * width > node::Buffer::Length(args[1]) || size_t{count} * 32 > node::Buffer::Length(args[4]))
    return Throw(isolate, "merkle: count out of range");
  uint8_t message[65];
  message[0] = static_cast<uint8_t>(prefix);
  for (uint32_t i = 0; i < count; i++) {
    memcpy(message + 1, input + size_t{width} * i, width);
    Sha256(message, width + 1, out + 32 * size_t{i});
  }
}

// Byte classes for the checks below, as tables: a branch per byte mispredicts on random hex digits.
struct ByteClasses {
  uint8_t not_hex[256];   // not a lowercase hex digit
  uint8_t not_plain[256]; // a byte JSON.stringify would escape in a name, or not ASCII
  ByteClasses() {
    for (int c = 0; c < 256; c++) {
      not_hex[c] = !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
      not_plain[c] = c < 0x20 || c > 0x7f || c == '"' || c == '\\';
    }
  }
};
const ByteClasses kClasses;

// Whether any of n bytes is in a class (table lookups ORed together, no branch per byte).
bool AnyIn(const uint8_t* table, const uint8_t* p, size_t n) {
  uint8_t any = 0;
  for (size_t i = 0; i < n; i++) any |= table[p[i]];
  return any != 0;
}

// Whether n bytes are all ASCII, eight at a time.
bool Ascii(const uint8_t* p, size_t n) {
  uint64_t high = 0;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t word;
    memcpy(&word, p + i, 8);
    high |= word;
  }
  for (; i < n; i++) high |= p[i];
  return (high & 0x8080808080808080ull) == 0;
}

// Where a chain entry is being written: its buffer, the end so far, and whether everything fitted.
struct Writer {
  Isolate* isolate;
  uint8_t* buf;
  size_t cap;
  size_t at = 0;
  bool ok = true;

  void Put(const char* text) {
    size_t n = strlen(text);
    memcpy(buf + at, text, n);
    at += n;
  }

  // A safe non-negative integer as String() writes it (snprintf costs more than the rest of a small entry).
  void Decimal(uint64_t value) {
    char digits[20];
    int n = 0;
    do {
      digits[n++] = static_cast<char>('0' + value % 10);
      value /= 10;
    } while (value != 0);
    while (n > 0) buf[at++] = static_cast<uint8_t>(digits[--n]);
  }

  // A JS string's UTF-8, leaving `keep` bytes free. One-byte strings that are ASCII are copied as they are;
  // anything else goes through WriteUtf8, which writes a lone surrogate as U+FFFD, as Buffer.from does.
  size_t Text(Local<Value> value, size_t keep) {
    if (!ok || !value->IsString() || cap < at + keep + 8) return Fail();
    Local<String> text = value.As<String>();
    int room = static_cast<int>(cap - keep - at);
    int length = text->Length();
    if (text->IsOneByte() && length < room) {
      text->WriteOneByte(isolate, buf + at, 0, length, String::NO_NULL_TERMINATION);
      if (Ascii(buf + at, static_cast<size_t>(length))) {
        at += static_cast<size_t>(length);
        return static_cast<size_t>(length);
      }
    }
    int written = text->WriteUtf8(isolate, reinterpret_cast<char*>(buf + at), room, nullptr,
                                  String::REPLACE_INVALID_UTF8 | String::NO_NULL_TERMINATION);
    // WriteUtf8 stops silently before a character that does not fit whole: up to 4 bytes short of the room.
    if (written + 4 >= room) return Fail();
    at += static_cast<size_t>(written);
    return static_cast<size_t>(written);
  }

  // A stream or type name that JSON.stringify copies as it is: ASCII from 0x20, without quote or backslash.
  void Name(Local<Value> value, size_t keep) {
    size_t from = at;
    size_t n = Text(value, keep);
    if (ok && AnyIn(kClasses.not_plain, buf + from, n)) Fail();
  }

  size_t Fail() {
    ok = false;
    return 0;
  }
};

bool SafeInteger(Local<Value> value, uint64_t* out) {
  if (!value->IsNumber()) return false;
  double d = value.As<v8::Number>()->Value();
  if (!(d >= 0 && d <= 9007199254740991.0) || d != static_cast<double>(static_cast<uint64_t>(d))) return false;
  *out = static_cast<uint64_t>(d);
  return true;
}

const char kHexDigits[] = "0123456789abcdef";

// Whether a JS value is exactly the lowercase hex text of a 32-byte digest.
bool IsHexOf(Isolate* isolate, Local<Value> value, const uint8_t* digest) {
  if (!value->IsString()) return false;
  Local<String> text = value.As<String>();
  // Characters beyond U+00FF are refused: WriteOneByte would keep only the low byte of U+0130 ('0'). IsOneByte
  // may say no for a string that is; ContainsOnlyOneByte reads it to be sure.
  if (text->Length() != 64 || (!text->IsOneByte() && !text->ContainsOnlyOneByte())) return false;
  uint8_t hex[64], want[64];
  text->WriteOneByte(isolate, hex, 0, 64, String::NO_NULL_TERMINATION);
  for (int i = 0; i < 32; i++) {
    want[2 * i] = kHexDigits[digest[i] >> 4];
    want[2 * i + 1] = kHexDigits[digest[i] & 15];
  }
  return memcmp(hex, want, 64) == 0;
}

// Room kept after data and metadata for the fixed parts, two numbers and the prevHash (64 hex digits).
constexpr size_t kTail = 224;

// Where entries are written: one buffer per thread (workers have their own), grown to the largest entry seen.
thread_local std::vector<uint8_t> scratch(1 << 16);

// Length in UTF-16 units of a string argument; -1 if it is not a string.
int64_t TextLength(Local<Value> value) {
  return value->IsString() ? value.As<String>()->Length() : -1;
}

// entry(data, metadata, prevHash, revision, schemaVersion, stream, type, expected, out, outOffset): writes
// chainEntryText's UTF-8, hashes it into out[outOffset..+32] and returns streamHash(stream) * 2, plus 1 if `expected`
// is the digest's lowercase hex; -1 when the event needs the JS encoder (a name that JSON escapes, a number out of
// range, a prevHash that is not lowercase hex).
void Entry(const FunctionCallbackInfo<Value>& args) {
  Isolate* isolate = args.GetIsolate();
  uint32_t out_at;
  if (args.Length() != 10 || !node::Buffer::HasInstance(args[8]) || !SmallUint(args[9], UINT32_MAX, &out_at) ||
      size_t{out_at} + 32 > node::Buffer::Length(args[8]))
    return Throw(isolate, "entry: bad arguments");
  uint8_t* out = reinterpret_cast<uint8_t*>(node::Buffer::Data(args[8])) + out_at;
  uint64_t revision, schema_version;
  int64_t data = TextLength(args[0]), metadata = TextLength(args[1]), stream = TextLength(args[5]), type = TextLength(args[6]);
  if (!SafeInteger(args[3], &revision) || !SafeInteger(args[4], &schema_version) || data < 0 || metadata < 0 ||
      stream < 0 || type < 0)
    return args.GetReturnValue().Set(-1);
  // At most 3 UTF-8 bytes per UTF-16 unit; the names are taken only as plain ASCII.
  size_t need = 3 * static_cast<size_t>(data + metadata) + static_cast<size_t>(stream + type) + kTail + 64;
  if (scratch.size() < need) scratch.resize(need);
  Writer w{isolate, scratch.data(), scratch.size()};
  w.Put("{\"data\":");
  w.Text(args[0], kTail);
  if (w.ok) w.Put(",\"metadata\":");
  w.Text(args[1], kTail);
  if (w.ok && args[2]->IsNull()) {
    w.Put(",\"prevHash\":null");
  } else if (w.ok) {
    w.Put(",\"prevHash\":\"");
    size_t from = w.at;
    // Written as it is, so it must need no escape: lowercase hex, as the chain writes it (JS takes anything else).
    if (w.Text(args[2], kTail - 80) != 64 || AnyIn(kClasses.not_hex, w.buf + from, 64)) w.Fail();
    w.Put("\"");
  }
  if (!w.ok) return args.GetReturnValue().Set(-1);
  w.Put(",\"revision\":");
  w.Decimal(revision);
  w.Put(",\"schemaVersion\":");
  w.Decimal(schema_version);
  w.Put(",\"stream\":\"");
  size_t stream_from = w.at;
  w.Name(args[5], 16);
  // FNV-1a of the name (its bytes are its UTF-16 code units: plain ASCII), top 30 bits: the verifier's key for the
  // stream's chain tip (stream-slots.ts streamHash), computed here while the name is at hand.
  uint32_t stream_hash = 2166136261u;
  for (size_t i = stream_from; w.ok && i < w.at; i++) stream_hash = (stream_hash ^ w.buf[i]) * 16777619u;
  if (w.ok) w.Put("\",\"type\":\"");
  w.Name(args[6], 4);
  if (!w.ok) return args.GetReturnValue().Set(-1);
  w.Put("\"}");
  Sha256(w.buf, w.at, out);
  args.GetReturnValue().Set(static_cast<int32_t>((stream_hash >> 2) << 1 | (IsHexOf(isolate, args[7], out) ? 1 : 0)));
}

}  // namespace

NODE_MODULE_INIT(/* exports, module, context */) {
  NODE_SET_METHOD(exports, "merkle", Merkle);
  NODE_SET_METHOD(exports, "entry", Entry);
}
