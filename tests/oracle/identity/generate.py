"""Identity-token and certificate-chain vectors, made with Replit's own Python library.

The `replit` PyPI package (its `replit.goval.api.signing_pb2` schema and
`replit.identity`) and pyseto are test-only oracles: they mint the certificates and tokens,
and `replit.identity.verify_identity_token` gives its own verdict on each, recorded beside
ours (it has known flaws: shared/docs/token-format.md, "Certificate chains"). The output is
committed, so the JS tests (tests/js/identity.test.mjs) need no Python:

    pip install replit==4.1.2 pyseto==1.10.0
    python3 tests/oracle/identity/generate.py      # writes tests/oracle/identity/vectors.json

Keys come from fixed seeds, and Ed25519 signatures are deterministic, so a rerun writes the
same file. Certificates are valid 2026-01-01..2036-01-01 unless a case says otherwise; the
JS tests check them at `now` (2026-06-01). Fields the Python schema lacks (org, hosting,
CertificateClaim.org, flags past ANY_SUBCLUSTER) are appended as raw protobuf fields.
"""

import base64
import datetime
import hashlib
import json
import os
import sys

import pyseto
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from replit import identity as replit_identity
from replit.goval.api import client_pb2, signing_pb2

HERE = os.path.dirname(os.path.abspath(__file__))
UTC = datetime.timezone.utc
VALID_FROM = datetime.datetime(2026, 1, 1, tzinfo=UTC)
VALID_UNTIL = datetime.datetime(2036, 1, 1, tzinfo=UTC)
NOW = "2026-06-01T00:00:00Z"
ISSUER = "conman"
ROOT_KEY_ID = "test:1"

F = signing_pb2.FlagClaim
ANY_ORG = 12


class Ed25519:
    """A key pair from a fixed seed, in the forms the protocol uses."""

    def __init__(self, name):
        self.seed = hashlib.sha256(name.encode()).digest()
        private = Ed25519PrivateKey.from_private_bytes(self.seed)
        self.raw_public = private.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        self.pem_public = private.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        ).decode()
        self.secret = pyseto.Key.from_asymmetric_key_params(version=2, d=self.seed)
        self.public = pyseto.Key.from_asymmetric_key_params(version=2, x=self.raw_public)
        self.paserk_public = self.public.to_paserk()
        self.paserk_secret = self.secret.to_paserk()


ROOT = Ed25519("root")
OTHER_ROOT = Ed25519("other root")


def varint(n):
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        if n:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def field_bytes(number, payload):
    return varint(number << 3 | 2) + varint(len(payload)) + payload


def org_bytes(org_id, org_type):
    return field_bytes(1, org_id.encode()) + varint(2 << 3) + varint(org_type)


def claim(**kw):
    """One CertificateClaim as protobuf bytes: replid=, user=, flag=, cluster=, …, org=(id, type)."""
    if "org" in kw:
        return field_bytes(8, org_bytes(*kw["org"]))
    c = signing_pb2.CertificateClaim()
    for key, value in kw.items():
        setattr(c, key, value)
    return c.SerializeToString()


def timestamp(dt):
    return int(dt.timestamp())


def cert_body(claims, public_key, iat=VALID_FROM, exp=VALID_UNTIL):
    cert = signing_pb2.GovalCert()
    if iat is not None:
        cert.iat.seconds = timestamp(iat)
    if exp is not None:
        cert.exp.seconds = timestamp(exp)
    cert.publicKey = public_key
    # Claims as raw repeated field 3, so claims the Python schema lacks fit too.
    return cert.SerializeToString() + b"".join(field_bytes(3, c) for c in claims)


def authority(key_id=None, signed_cert=None, version=0, issuer=ISSUER):
    gsa = signing_pb2.GovalSigningAuthority()
    if key_id is not None:
        gsa.key_id = key_id
    if signed_cert is not None:
        gsa.signed_cert = signed_cert
    gsa.version = version
    gsa.issuer = issuer
    return gsa.SerializeToString()


def sign(key, body, footer):
    return pyseto.encode(key.secret, base64.b64encode(body), base64.b64encode(footer)).decode()


def chain(links, root=ROOT, key_id=ROOT_KEY_ID):
    """Certificates root-first: links = [(key, claims, overrides)]. Returns (last cert token, keys)."""
    signer_key, signer_authority = root, authority(key_id=key_id)
    token = None
    for key, claims, over in links:
        public = over.get("public_key", key.pem_public if over.get("pem") else key.paserk_public)
        body = cert_body(claims, public, over.get("iat", VALID_FROM), over.get("exp", VALID_UNTIL))
        token = sign(signer_key, body, signer_authority)
        signer_key, signer_authority = key, authority(signed_cert=token)
    return token


def identity_body(replid="repl-a", user="ada", slug="hello", aud="repl-a", runtime=("interactive", "global", "sub-1"),
                  user_id=0, org=None, extra=b""):
    ident = signing_pb2.GovalReplIdentity(replid=replid, user=user, slug=slug, aud=aud, user_id=user_id)
    tail = b""
    if runtime is not None:
        kind = runtime[0]
        if kind == "interactive":
            ident.interactive.cluster = runtime[1]
            ident.interactive.subcluster = runtime[2]
        elif kind == "deployment":
            ident.deployment.SetInParent()
        elif kind == "hosting":
            hosting = field_bytes(1, runtime[1].encode()) if runtime[1] else b""
            hosting += field_bytes(2, runtime[2].encode()) if runtime[2] else b""
            tail += field_bytes(13, hosting)
    if org is not None:
        tail += field_bytes(14, org_bytes(*org))
    return ident.SerializeToString() + tail + extra


def identity_token(cert_token, key, body, version=1):
    return sign(key, body, authority(signed_cert=cert_token, version=version))


def pubkey_source(roots):
    def source(key_id, issuer):
        if key_id not in roots:
            raise replit_identity.VerifyError(f"no key {key_id}")
        return roots[key_id].public
    return source


def python_verdict(token, audience, roots={ROOT_KEY_ID: ROOT}):
    try:
        replit_identity.verify_identity_token(token, audience, pubkey_source(roots))
        return "accepted"
    except Exception as error:  # the oracle's own verdict, whatever it raised
        return f"refused: {type(error).__name__}: {error}"[:300]


def python_ghostwriter_verdict(token, roots={ROOT_KEY_ID: ROOT}):
    try:
        replit_identity.verify_ghostwriter(token, pubkey_source(roots))
        return "accepted"
    except Exception as error:  # the oracle's own verdict, whatever it raised
        return f"refused: {type(error).__name__}: {error}"[:300]


def tamper_body(token):
    """Changes one byte of the signed body text, keeping the signature: a forgery."""
    version, purpose, payload, *footer = token.split(".")
    raw = bytearray(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    text_end = len(raw) - 64
    body = base64.b64decode(bytes(raw[:text_end]))
    body = body[:-1] + bytes([body[-1] ^ 1])
    raw = base64.b64encode(body) + bytes(raw[text_end:])
    payload = base64.urlsafe_b64encode(raw).rstrip(b"=").decode()
    return ".".join([version, purpose, payload, *footer])


def main():
    cases = []

    def add(name, token, expect, audience="repl-a", kind="identity", **extra):
        case = {"name": name, "kind": kind, "token": token, "expect": expect}
        if kind == "identity":
            case["audience"] = audience
            case["python"] = python_verdict(token, audience)
        if kind == "ghostwriter":
            case["python"] = python_ghostwriter_verdict(token)
        case.update(extra)
        cases.append(case)

    ok = {"valid": True}

    def refuse(error, depth, **more):
        return {"valid": False, "error": error, "depth": depth, **more}

    A = Ed25519("cert a")
    B = Ed25519("cert b")
    C = Ed25519("cert c")
    identity_claims = [claim(replid="repl-a"), claim(user="ada"), claim(cluster="global"), claim(subcluster="sub-1"), claim(flag=F.IDENTITY)]

    # ---- valid chains, 1 to 3 certificates ----
    c1 = chain([(A, identity_claims, {})])
    repl_identity = identity_token(c1, A, identity_body())
    add("identity, 1 certificate (PASERK key)", repl_identity, {**ok, "chainLength": 1, "flags": ["IDENTITY"]})

    c1_pem = chain([(A, identity_claims, {"pem": True})])
    add("identity, 1 certificate (PEM key)", identity_token(c1_pem, A, identity_body()), {**ok, "chainLength": 1})

    intermediate = [claim(flag=F.SIGN_INTERMEDIATE_CERT), claim(flag=F.ANY_REPLID), claim(flag=F.ANY_USER),
                    claim(flag=F.ANY_CLUSTER), claim(flag=F.ANY_SUBCLUSTER), claim(flag=F.IDENTITY)]
    c2 = chain([(A, intermediate, {}), (B, identity_claims, {})])
    add("identity, 2 certificates", identity_token(c2, B, identity_body()), {**ok, "chainLength": 2})

    c3 = chain([(A, intermediate, {"pem": True}),
                (B, [claim(flag=F.SIGN_INTERMEDIATE_CERT), claim(replid="repl-a"), claim(user="ada"),
                     claim(cluster="global"), claim(subcluster="sub-1"), claim(flag=F.IDENTITY)], {}),
                (C, identity_claims, {})])
    add("identity, 3 certificates (PEM then PASERK keys)", identity_token(c3, C, identity_body()), {**ok, "chainLength": 3})

    # The signer tokens Python's SigningAuthority makes (from the 1- and 2-certificate identities).
    for name, cert_token, key in [("1 certificate", c1, A), ("2 certificates", c2, B)]:
        own = identity_token(cert_token, key, identity_body())
        authority_ = replit_identity.SigningAuthority(key.paserk_secret, own, "repl-a", pubkey_source({ROOT_KEY_ID: ROOT}))
        signed = authority_.sign("repl-b")
        add(f"SigningAuthority.sign for repl-b, {name}", signed, {**ok, "signedByPython": True}, audience="repl-b")

    # ---- refusals ----
    add("wrong audience", repl_identity, refuse("TokenClaimError", 0, claim="aud"), audience="repl-z")
    add("certificate expired", identity_token(chain([(A, identity_claims, {"exp": datetime.datetime(2026, 3, 1, tzinfo=UTC)})]), A, identity_body()),
        refuse("TokenExpiredError", 1))
    add("certificate not yet valid", identity_token(chain([(A, identity_claims, {"iat": datetime.datetime(2030, 1, 1, tzinfo=UTC)})]), A, identity_body()),
        refuse("TokenNotYetValidError", 1))
    add("middle certificate expired", identity_token(chain([(A, intermediate, {"exp": datetime.datetime(2026, 2, 1, tzinfo=UTC)}), (B, identity_claims, {})]), B, identity_body()),
        refuse("TokenExpiredError", 2))
    add("certificate body changed after signing", identity_token(tamper_body(c1), A, identity_body()), refuse("TokenSignatureError", 1))
    add("token body changed after signing", tamper_body(repl_identity), refuse("TokenSignatureError", 0))
    add("certificate signed by another root key", identity_token(chain([(A, identity_claims, {})], root=OTHER_ROOT), A, identity_body()),
        refuse("TokenSignatureError", 1))
    add("token signed by a key its certificate does not certify", identity_token(c1, B, identity_body()), refuse("TokenSignatureError", 0))
    add("unknown root key id", identity_token(chain([(A, identity_claims, {})], key_id="test:9"), A, identity_body()), refuse("KeyError", 1))
    # As go-replidentity and replit-py read a certificate: an unset exp is the UNIX epoch.
    add("certificate without exp (expired, as Go and Python read it)",
        identity_token(chain([(A, identity_claims, {"iat": datetime.datetime(2026, 5, 31, 23, 30, tzinfo=UTC), "exp": None})]), A, identity_body()),
        refuse("TokenExpiredError", 1))
    # go-replidentity reads a PASERK key of exactly 53 characters, nothing around it.
    add("certificate key PASERK with a space before it", identity_token(chain([(A, identity_claims, {"public_key": " " + A.paserk_public})]), A, identity_body()),
        refuse("KeyError", 1))
    add("certificate key PASERK with a line break after it", identity_token(chain([(A, identity_claims, {"public_key": A.paserk_public + "\n"})]), A, identity_body()),
        refuse("KeyError", 1))
    add("certificate key neither PASERK nor PEM", identity_token(chain([(A, identity_claims, {"public_key": base64.b64encode(A.raw_public).decode()})]), A, identity_body()),
        refuse("KeyError", 1))
    add("signer lacks SIGN_INTERMEDIATE_CERT", identity_token(chain([(A, intermediate[1:], {}), (B, identity_claims, {})]), B, identity_body()),
        refuse("TokenClaimError", 1, claim="flag"))
    add("child claims a repl id its signer lacks", identity_token(chain([(A, [claim(flag=F.SIGN_INTERMEDIATE_CERT), claim(replid="repl-x"), claim(user="ada"), claim(flag=F.ANY_CLUSTER), claim(flag=F.ANY_SUBCLUSTER), claim(flag=F.IDENTITY)], {}), (B, identity_claims, {})]), B, identity_body()),
        refuse("TokenClaimError", 1, claim="replid"))
    add("child gains a flag its signer lacks", identity_token(chain([(A, [claim(flag=F.SIGN_INTERMEDIATE_CERT), claim(flag=F.ANY_REPLID), claim(flag=F.ANY_USER), claim(flag=F.ANY_CLUSTER), claim(flag=F.ANY_SUBCLUSTER)], {}), (B, identity_claims, {})]), B, identity_body()),
        refuse("TokenClaimError", 1, claim="flag"))
    add("identity repl id not covered", identity_token(c1, A, identity_body(replid="repl-x", aud="repl-a")), refuse("TokenClaimError", 0, claim="replid"))
    add("identity user not covered", identity_token(c1, A, identity_body(user="eve")), refuse("TokenClaimError", 0, claim="user"))
    add("identity user id not covered", identity_token(c1, A, identity_body(user_id=7)), refuse("TokenClaimError", 0, claim="userId"))
    add("identity cluster not covered", identity_token(c1, A, identity_body(runtime=("interactive", "other", ""))), refuse("TokenClaimError", 0, claim="cluster"))
    add("identity subcluster not covered", identity_token(c1, A, identity_body(runtime=("interactive", "global", "sub-x"))), refuse("TokenClaimError", 0, claim="subcluster"))
    add("identity hosting cluster not covered", identity_token(c1, A, identity_body(runtime=("hosting", "other", ""))), refuse("TokenClaimError", 0, claim="cluster"))
    add("identity in a Deployment without DEPLOYMENTS", identity_token(c1, A, identity_body(runtime=("deployment",))), refuse("TokenClaimError", 0, claim="deployment"))
    add("identity org not covered", identity_token(c1, A, identity_body(org=("org-1", 2))), refuse("TokenClaimError", 0, claim="org"))
    add("bare footer version on an identity", identity_token(c1, A, identity_body(), version=0), refuse("TokenFormatError", 0, reason="not-identity-token"))

    # ---- what the claims allow ----
    wide = chain([(A, [claim(flag=F.ANY_REPLID), claim(flag=F.ANY_USER), claim(flag=F.ANY_USER_ID), claim(flag=F.ANY_CLUSTER),
                       claim(flag=F.ANY_SUBCLUSTER), claim(flag=ANY_ORG), claim(flag=F.DEPLOYMENTS), claim(flag=F.IDENTITY)], {})])
    # Differs from go-replidentity on purpose: Go counts ANY_* only on certificates signed by
    # certificates; here a root-signed certificate's ANY_* flags count too (README, Security).
    add("root-signed certificate with ANY_* flags covers everything", identity_token(wide, A, identity_body(replid="r9", aud="repl-a", user="zed", user_id=42, org=("org-1", 2), runtime=("interactive", "other", "sub-x"))), {**ok, "goDiffers": "Go refuses: it does not count ANY_* on a root-signed certificate"})
    # ANY_REPL_CREATED_AT covers nothing: go-replidentity and replit-py know neither it nor the
    # repl_created_at claim (field 9), so there the child's claim must be the signer's own.
    created_at = field_bytes(9, varint(1 << 3) + varint(timestamp(VALID_FROM)))
    add("child claims a repl creation time its signer covers only by ANY_REPL_CREATED_AT",
        identity_token(chain([(A, intermediate + [claim(flag=13)], {}), (B, identity_claims + [created_at], {})]), B, identity_body()),
        refuse("TokenClaimError", 1, claim="replCreatedAt"))
    add("child claims a repl creation time its signer holds",
        identity_token(chain([(A, intermediate + [created_at], {}), (B, identity_claims + [created_at], {})]), B, identity_body()), ok)
    add("empty subcluster means none", identity_token(c1, A, identity_body(runtime=("interactive", "global", ""))), ok)
    add("org covered by an org claim", identity_token(chain([(A, identity_claims + [claim(org=("org-1", 2))], {})]), A, identity_body(org=("org-1", 2))), ok)
    add("org of another type not covered", identity_token(chain([(A, identity_claims + [claim(org=("org-1", 1))], {})]), A, identity_body(org=("org-1", 2))),
        refuse("TokenClaimError", 0, claim="org"))
    # As go-replidentity: DEPLOYMENTS counts only on a certificate signed by a certificate (the
    # ANY_* difference above is the only one; no minting certificate needs DEPLOYMENTS).
    add("deployment with DEPLOYMENTS on a root-signed certificate", identity_token(chain([(A, identity_claims + [claim(flag=F.DEPLOYMENTS)], {})]), A, identity_body(runtime=("deployment",))),
        refuse("TokenClaimError", 0, claim="deployment"))
    add("deployment with DEPLOYMENTS on a certificate a certificate signed",
        identity_token(chain([(A, intermediate + [claim(flag=F.DEPLOYMENTS)], {}), (B, identity_claims + [claim(flag=F.DEPLOYMENTS)], {})]), B, identity_body(runtime=("deployment",))), ok)
    no_identity_flag = chain([(A, identity_claims[:4], {})])
    add("certificate without IDENTITY (refused unless flags: [])", identity_token(no_identity_flag, A, identity_body()), {**refuse("TokenClaimError", 0, claim="flag"), "noFlags": {**ok, "flags": []}})
    renew_only = chain([(A, identity_claims[:4] + [claim(flag=F.RENEW_IDENTITY)], {})])
    add("RENEW_IDENTITY-only certificate signing an identity", identity_token(renew_only, A, identity_body()), {**refuse("TokenClaimError", 0, claim="flag"), "renew": {**ok, "flags": ["RENEW_IDENTITY"]}})
    mint_only = chain([(A, identity_claims[:4] + [claim(flag=F.MINT_GOVAL_TOKEN)], {})])
    add("MINT_GOVAL_TOKEN-only certificate signing an identity", identity_token(mint_only, A, identity_body()), refuse("TokenClaimError", 0, claim="flag"))
    add("identity signed by a root key directly (carries no flags)", sign(ROOT, identity_body(), authority(key_id=ROOT_KEY_ID, version=1)), {**refuse("TokenClaimError", 0, claim="flag"), "noFlags": ok})
    # Lean certificates, so that 9 of them stay under the 64 KiB token limit.
    lean = [claim(flag=F.SIGN_INTERMEDIATE_CERT), claim(flag=F.IDENTITY), claim(flag=F.ANY_REPLID), claim(flag=F.ANY_USER), claim(flag=F.ANY_CLUSTER), claim(flag=F.ANY_SUBCLUSTER)]
    deep = [(Ed25519(f"deep {i}"), lean, {}) for i in range(9)]
    add("9 certificates: deeper than the limit", identity_token(chain(deep), deep[-1][0], identity_body()), refuse("TokenFormatError", 9, reason="chain-too-deep"))
    add("8 certificates: at the limit", identity_token(chain(deep[:8]), deep[7][0], identity_body()), {**ok, "chainLength": 8})

    # ---- ReplTokens minted through a chain (BARE_REPL_TOKEN footer) ----
    mint = chain([(A, [claim(replid="repl-a"), claim(user="ada"), claim(cluster="global"), claim(flag=F.MINT_GOVAL_TOKEN)], {})])

    def repl_token(replid="repl-a", user="ada", cluster="global"):
        t = client_pb2.ReplToken(cluster=cluster)
        t.iat.seconds = timestamp(VALID_FROM)
        t.exp.seconds = timestamp(VALID_UNTIL)
        t.repl.id = replid
        t.repl.user = user
        return t.SerializeToString()

    add("ReplToken through a certificate", sign(A, repl_token(), authority(signed_cert=mint)), {**ok, "flags": ["MINT_GOVAL_TOKEN"]}, kind="replToken")
    add("ReplToken repl id not covered", sign(A, repl_token(replid="repl-x"), authority(signed_cert=mint)), refuse("TokenClaimError", 0, claim="replid"), kind="replToken")
    add("ReplToken user not covered", sign(A, repl_token(user="eve"), authority(signed_cert=mint)), refuse("TokenClaimError", 0, claim="user"), kind="replToken")
    add("ReplToken cluster not covered", sign(A, repl_token(cluster="other"), authority(signed_cert=mint)), refuse("TokenClaimError", 0, claim="cluster"), kind="replToken")
    add("ReplToken signed by the root key", sign(ROOT, repl_token(), authority(key_id=ROOT_KEY_ID)), ok, kind="replToken")
    # A repl's own identity key (its certificate holds IDENTITY, not MINT_GOVAL_TOKEN) minting ReplTokens.
    add("ReplToken minted with a repl's identity key", sign(A, repl_token(), authority(signed_cert=c1)), {**refuse("TokenClaimError", 0, claim="flag"), "noFlags": ok}, kind="replToken")
    def classroom_token():
        t = client_pb2.ReplToken(cluster="global")
        t.iat.seconds = timestamp(VALID_FROM)
        t.exp.seconds = timestamp(VALID_UNTIL)
        t.classroom.id = "classroom-1"
        return t.SerializeToString()
    add("classroom ReplToken minted with a repl's identity key", sign(A, classroom_token(), authority(signed_cert=c1)), refuse("TokenClaimError", 0, claim="flag"), kind="replToken")
    def bearer_token():
        t = client_pb2.ReplToken(cluster="global")
        t.iat.seconds = timestamp(VALID_FROM)
        t.exp.seconds = timestamp(VALID_FROM) + 10 * 365 * 86400
        t.repl.id = "repl-a"
        t.repl.user = "ada"
        t.presenced.bearerID = 99
        t.presenced.bearerName = "victim"
        return t.SerializeToString()
    add("ReplToken for its own repl with another bearer, minted with the identity key", sign(A, bearer_token(), authority(signed_cert=c1)), refuse("TokenClaimError", 0, claim="flag"), kind="replToken")
    add("root-signed certificate passed as a ReplToken", c1, refuse("TokenFormatError", 0, reason="certificate-not-token"), kind="replToken")

    # ---- Ghostwriter: a GovalToken body ----
    gw = signing_pb2.GovalToken(replid="repl-a")
    gw.iat.seconds = timestamp(VALID_FROM)
    gw.exp.seconds = timestamp(VALID_UNTIL)
    gw.repl_identity.replid = "repl-a"
    add("Ghostwriter token", sign(A, gw.SerializeToString(), authority(signed_cert=chain([(A, [claim(flag=F.GHOSTWRITER), claim(replid="repl-a")], {})]), version=1)),
        {"messageType": "GovalToken"}, kind="parse")

    # verifyGhostwriterToken, beside replit.identity.verify_ghostwriter's own verdict.
    def ghostwriter(replid="repl-a", exp=VALID_UNTIL):
        t = signing_pb2.GovalToken(replid=replid)
        t.iat.seconds = timestamp(VALID_FROM)
        t.exp.seconds = timestamp(exp)
        t.repl_identity.replid = replid
        return t.SerializeToString()

    gw_chain = chain([(A, [claim(flag=F.GHOSTWRITER), claim(replid="repl-a")], {})])
    gw_token = sign(A, ghostwriter(), authority(signed_cert=gw_chain, version=1))
    add("Ghostwriter token through a GHOSTWRITER certificate", gw_token, {**ok, "flags": ["GHOSTWRITER"]}, kind="ghostwriter")
    add("Ghostwriter token signed by the root key", sign(ROOT, ghostwriter(), authority(key_id=ROOT_KEY_ID, version=1)), ok, kind="ghostwriter")
    add("Ghostwriter token through a certificate without GHOSTWRITER", sign(A, ghostwriter(), authority(signed_cert=c1, version=1)),
        {**refuse("TokenClaimError", 0, claim="flag"), "noFlags": {**ok}}, kind="ghostwriter")
    add("Ghostwriter token for a repl its certificate does not cover", sign(A, ghostwriter(replid="repl-x"), authority(signed_cert=gw_chain, version=1)),
        refuse("TokenClaimError", 0, claim="replid"), kind="ghostwriter")
    add("Ghostwriter token body changed after signing", tamper_body(gw_token), refuse("TokenSignatureError", 0), kind="ghostwriter")
    add("Ghostwriter token past its own exp", sign(A, ghostwriter(exp=datetime.datetime(2026, 3, 1, tzinfo=UTC)), authority(signed_cert=gw_chain, version=1)),
        refuse("TokenExpiredError", 0), kind="ghostwriter")
    add("identity token passed as a Ghostwriter token", repl_identity, refuse("TokenFormatError", 0, reason="not-ghostwriter-token"), kind="ghostwriter")

    out = {
        "generatedBy": "tests/oracle/identity/generate.py (replit 4.1.2, pyseto 1.10.0)",
        "now": NOW,
        "publicKeys": {ROOT_KEY_ID: base64.b64encode(ROOT.raw_public).decode()},
        "identityKey": A.paserk_secret,
        "identityKeyIntermediate": B.paserk_secret,
        "cases": cases,
    }
    path = os.path.join(HERE, "vectors.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print(f"wrote {os.path.relpath(path)}: {len(cases)} cases", file=sys.stderr)


if __name__ == "__main__":
    main()
