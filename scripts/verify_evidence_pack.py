#!/usr/bin/env python3
"""Check an SPR Portal evidence pack offline: every member against the manifest's SHA-256
(missing, extra or changed), and the manifest's detached CMS signature.

Needs only Python 3.12+ and pyHanko (`pip install pyhanko`); no database, no network, no
portal. An inspector can take this one file:

    python verify_evidence_pack.py spr-evidence-pack-2025-26-q3.zip \
        [--certificate force-signing.pem] [--fingerprint AB:CD:…]

Without --certificate or --fingerprint the signature is checked for integrity and its
signer's certificate fingerprint is printed: compare it with the one the force publishes (the
portal shows it on every signed paper's page). Exit status 0 when everything holds, else 1.
`manage.py verify_evidence_pack` runs the same check against the portal's own certificate.
"""

import argparse
import asyncio
import hashlib
import json
import sys
import zipfile
from dataclasses import dataclass, field

MANIFEST = "manifest.json"
SIGNATURE = "manifest.json.p7s"


@dataclass
class PackCheck:
    members: int = 0
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    recorded: list[str] = field(default_factory=list)  # problems the builder wrote down
    signed: bool = False
    signature_intact: bool = False
    signature_trusted: bool | None = None  # None: no certificate or fingerprint to trust
    signer: str = ""
    fingerprint: str = ""
    errors: list[str] = field(default_factory=list)

    @property
    def holds(self) -> bool:
        return not (
            self.missing
            or self.extra
            or self.changed
            or self.recorded
            or self.errors
            or not self.signature_intact
            or self.signature_trusted is False
        )

    def lines(self) -> list[str]:
        out = [f"{self.members} files listed in the manifest"]
        out += [f"MISSING  {name}" for name in self.missing]
        out += [f"EXTRA    {name}" for name in self.extra]
        out += [f"CHANGED  {name}" for name in self.changed]
        out += [f"RECORDED {problem}" for problem in self.recorded]
        out += [f"ERROR    {error}" for error in self.errors]
        if not self.signed:
            out.append("SIGNATURE missing: the manifest is not signed")
        elif not self.signature_intact:
            out.append("SIGNATURE NOT VALID: the manifest has changed since it was signed")
        else:
            out.append(f"SIGNATURE valid, by {self.signer}")
            out.append(f"  certificate SHA-256 {spaced(self.fingerprint)}")
            if self.signature_trusted is None:
                out.append("  compare this fingerprint with the one the force publishes")
            elif not self.signature_trusted:
                out.append("  NOT the expected certificate")
        out.append("The pack holds." if self.holds else "The pack does NOT hold.")
        return out


def spaced(fingerprint: str) -> str:
    return ":".join(fingerprint[i : i + 2] for i in range(0, len(fingerprint), 2)).upper()


def _normal(fingerprint: str) -> str:
    return fingerprint.replace(":", "").replace(" ", "").lower()


def _check_signature(result: PackCheck, manifest: bytes, signature: bytes, trusted, expected):
    from asn1crypto import cms
    from pyhanko.sign.validation.generic_cms import async_validate_detached_cms
    from pyhanko.sign.validation.settings import KeyUsageConstraints
    from pyhanko_certvalidator import ValidationContext

    result.signed = True
    try:
        signed_data = cms.ContentInfo.load(signature)["content"]
        certificate = signed_data["certificates"][0].chosen
        result.signer = certificate.subject.human_friendly
        result.fingerprint = hashlib.sha256(certificate.dump()).hexdigest()
        # Without a certificate given, trust the signer's own: this checks integrity only.
        roots = list(trusted) if trusted else [certificate]
        status = asyncio.run(
            async_validate_detached_cms(
                manifest,
                signed_data,
                signer_validation_context=ValidationContext(
                    trust_roots=roots, allow_fetching=False
                ),
                key_usage_settings=KeyUsageConstraints(
                    key_usage={"digital_signature", "non_repudiation"},
                    match_all_key_usages=False,
                ),
            )
        )
    except Exception as error:  # a damaged signature is not a valid one
        result.errors.append(f"The manifest's signature cannot be read: {error}")
        return
    result.signature_intact = bool(status.intact and status.valid)
    if trusted:
        result.signature_trusted = bool(status.trusted)
    if expected:
        matches = _normal(expected) == result.fingerprint
        result.signature_trusted = matches and result.signature_trusted is not False


def check_pack(path, *, trusted=None, fingerprint: str = "") -> PackCheck:
    """Check the pack at `path` (a file name or a binary file). `trusted`: asn1crypto
    certificates the signature must chain to; `fingerprint`: the signer's expected SHA-256."""
    result = PackCheck()
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as error:
        result.errors.append(f"Not a readable zip file: {error}")
        return result
    with archive:
        names = [info.filename for info in archive.infolist() if not info.is_dir()]
        if MANIFEST not in names:
            result.errors.append("The pack has no manifest.json")
            return result
        manifest_bytes = archive.read(MANIFEST)
        try:
            manifest = json.loads(manifest_bytes)
            listed = manifest["files"]
        except (ValueError, KeyError, TypeError) as error:
            result.errors.append(f"The manifest cannot be read: {error}")
            listed, manifest = {}, {}
        result.members = len(listed)
        result.recorded = list(manifest.get("problems", []))
        present = set(names) - {MANIFEST, SIGNATURE}
        result.missing = sorted(set(listed) - present)
        result.extra = sorted(present - set(listed))
        for name in sorted(present & set(listed)):
            digest = hashlib.sha256()
            with archive.open(name) as member:
                for chunk in iter(lambda member=member: member.read(1 << 20), b""):
                    digest.update(chunk)
            if digest.hexdigest() != listed[name].get("sha256"):
                result.changed.append(name)
        if SIGNATURE in names:
            _check_signature(result, manifest_bytes, archive.read(SIGNATURE), trusted, fingerprint)
    return result


def _load_certificate(path: str):
    from asn1crypto import pem, x509

    data = open(path, "rb").read()  # noqa: SIM115 - a small file, read once
    if pem.detect(data):
        _, _, data = pem.unarmor(data)
    return x509.Certificate.load(data)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pack", help="the evidence pack (.zip)")
    parser.add_argument("--certificate", help="the force's signing certificate (PEM or DER)")
    parser.add_argument("--fingerprint", default="", help="the signing certificate's SHA-256")
    args = parser.parse_args(argv)
    trusted = [_load_certificate(args.certificate)] if args.certificate else None
    result = check_pack(args.pack, trusted=trusted, fingerprint=args.fingerprint)
    print("\n".join(result.lines()))
    return 0 if result.holds else 1


if __name__ == "__main__":
    sys.exit(main())
