"""Ed25519 key pairs in the form libtorrent's dht_put_mutable_item takes (RFC 8032 arithmetic).

libtorrent signs BEP 44 items with a 64-byte secret key (the clamped scalar, then the second half
of SHA-512(seed)), and its Python bindings export no key generation; the standard library has no
Ed25519, and this keeps the driver free of extra packages. Only the public key needs curve
arithmetic: one scalar multiplication, done once per put.
"""
import hashlib

P = 2 ** 255 - 19
D = -121665 * pow(121666, P - 2, P) % P


def _recover_x(y, sign):
    x2 = (y * y - 1) * pow(D * y * y + 1, P - 2, P)
    x = pow(x2, (P + 3) // 8, P)
    if (x * x - x2) % P != 0:
        x = x * pow(2, (P - 1) // 4, P) % P
    return P - x if (x & 1) != sign else x


_GY = 4 * pow(5, P - 2, P) % P
_GX = _recover_x(_GY, 0)
BASE = (_GX, _GY, 1, _GX * _GY % P)  # extended coordinates (X, Y, Z, T)


def _add(p, q):
    a = (p[1] - p[0]) * (q[1] - q[0]) % P
    b = (p[1] + p[0]) * (q[1] + q[0]) % P
    c = 2 * p[3] * q[3] * D % P
    d = 2 * p[2] * q[2] % P
    e, f, g, h = b - a, d - c, d + c, b + a
    return e * f % P, g * h % P, f * g % P, e * h % P


def _multiply(scalar, point):
    result = (0, 1, 1, 0)
    while scalar:
        if scalar & 1:
            result = _add(result, point)
        point = _add(point, point)
        scalar >>= 1
    return result


def _encode(point):
    z_inv = pow(point[2], P - 2, P)
    x, y = point[0] * z_inv % P, point[1] * z_inv % P
    return (y | ((x & 1) << 255)).to_bytes(32, "little")


def keypair(seed):
    """(public key, libtorrent secret key) of a 32-byte seed: the pair every Ed25519 library derives."""
    if len(seed) != 32:
        raise ValueError("an Ed25519 seed is 32 bytes, not %d" % len(seed))
    digest = hashlib.sha512(seed).digest()
    scalar = bytearray(digest[:32])
    scalar[0] &= 248
    scalar[31] &= 127
    scalar[31] |= 64
    public_key = _encode(_multiply(int.from_bytes(scalar, "little"), BASE))
    return public_key, bytes(scalar) + digest[32:]
