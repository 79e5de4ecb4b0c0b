// SHA-256 of the two fixed-size RFC 6962 inputs (0x00 || 32-byte leaf, 0x01 || left || right) without node:crypto.
// Why: these inputs are one or two blocks long, and node:crypto's per-call cost (~1.8 us here) is several times
// the compression itself; the Merkle tree hashes ~2 such inputs per event. merkle-sha256.spec.ts checks every
// output against node:crypto.

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);
const IV = new Int32Array([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);
const W = new Int32Array(64);
const H = new Int32Array(8);

/** One SHA-256 compression of the block in W[0..16) into H; W[16..from) is taken as already expanded. */
function compress(from = 16): void {
  for (let i = from; i < 64; i++) {
    const a = W[i - 15]!;
    const b = W[i - 2]!;
    const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
    const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
    W[i] = (W[i - 16]! + s0 + W[i - 7]! + s1) | 0;
  }
  let a = H[0]!, b = H[1]!, c = H[2]!, d = H[3]!, e = H[4]!, f = H[5]!, g = H[6]!, h = H[7]!;
  for (let i = 0; i < 64; i++) {
    const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + s1 + ((e & f) ^ (~e & g)) + K[i]! + W[i]!) | 0;
    const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (s0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  H[0] = (H[0]! + a) | 0;
  H[1] = (H[1]! + b) | 0;
  H[2] = (H[2]! + c) | 0;
  H[3] = (H[3]! + d) | 0;
  H[4] = (H[4]! + e) | 0;
  H[5] = (H[5]! + f) | 0;
  H[6] = (H[6]! + g) | 0;
  H[7] = (H[7]! + h) | 0;
}

/** Loads words w..w+7 of a block from 32 bytes at src[o] that follow one prefix byte (so each word is shifted by one). */
function loadShifted(first: number, src: Uint8Array, o: number, w: number): void {
  W[w] = (first << 24) | (src[o]! << 16) | (src[o + 1]! << 8) | src[o + 2]!;
  for (let i = 1; i < 8; i++) {
    const p = o + 4 * i - 1;
    W[w + i] = (src[p]! << 24) | (src[p + 1]! << 16) | (src[p + 2]! << 8) | src[p + 3]!;
  }
}

function store(out: Uint8Array, o: number): void {
  for (let i = 0; i < 8; i++) {
    const v = H[i]!;
    out[o + 4 * i] = v >>> 24;
    out[o + 4 * i + 1] = (v >>> 16) & 255;
    out[o + 4 * i + 2] = (v >>> 8) & 255;
    out[o + 4 * i + 3] = v & 255;
  }
}

/** out[oo..oo+32) = SHA-256(0x00 || x[xo..xo+32)). */
export function sha256Leaf(x: Uint8Array, xo: number, out: Uint8Array, oo: number): void {
  H.set(IV);
  loadShifted(0x00, x, xo, 0);
  W[8] = (x[xo + 31]! << 24) | (0x80 << 16);
  W.fill(0, 9, 15);
  W[15] = 33 * 8;
  compress();
  store(out, oo);
}

/**
 * The second block of a node hash is all padding except its first byte (the right hash's last byte), so its
 * message schedule takes one of 256 values: precomputed once, it saves that block's 48-step expansion.
 */
const NODE_TAIL_SCHEDULES: Int32Array[] = Array.from({ length: 256 }, (_, last) => {
  W.fill(0);
  W[0] = (last << 24) | (0x80 << 16);
  W[15] = 65 * 8;
  H.set(IV);
  compress();
  return W.slice();
});

/** out[oo..oo+32) = SHA-256(0x01 || l[lo..lo+32) || r[ro..ro+32)). out may alias l or r. */
export function sha256Node(l: Uint8Array, lo: number, r: Uint8Array, ro: number, out: Uint8Array, oo: number): void {
  H.set(IV);
  loadShifted(0x01, l, lo, 0);
  loadShifted(l[lo + 31]!, r, ro, 8);
  const last = r[ro + 31]!;
  compress();
  W.set(NODE_TAIL_SCHEDULES[last]!);
  compress(64);
  store(out, oo);
}
