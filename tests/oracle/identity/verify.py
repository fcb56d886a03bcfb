"""Verifies identity tokens with Replit's own Python library (replit.identity), for the interop
test: tokens made by this package's createIdentitySigner must verify there too.

stdin: {"publicKeys": {keyId: base64 raw key}, "tokens": [{"token": …, "audience": …}]}
stdout: a JSON list of verdicts, "accepted" or "refused: <error>", one per token.
"""

import base64
import json
import sys

import pyseto
from replit import identity


def main():
    request = json.load(sys.stdin)
    keys = {k: pyseto.Key.from_asymmetric_key_params(version=2, x=base64.b64decode(v)) for k, v in request["publicKeys"].items()}

    def source(key_id, issuer):
        return keys[key_id]

    verdicts = []
    for item in request["tokens"]:
        try:
            identity.verify_identity_token(item["token"], item["audience"], source)
            verdicts.append("accepted")
        except Exception as error:  # the oracle's verdict, whatever it raised
            verdicts.append(f"refused: {type(error).__name__}: {error}"[:300])
    json.dump(verdicts, sys.stdout)


if __name__ == "__main__":
    main()
