"""The force's digital signature, in one place: on the published paper (PAdES, added to
WeasyPrint's output as an incremental update, so the rendered bytes are never redone) and on
an evidence pack's manifest (a detached CMS signature).

The key is the force's certificate, a PKCS#12 file named by SPR_SIGNING_P12 and opened with
SPR_SIGNING_P12_PASSPHRASE; with SPR_TSA_URL set, every signature also carries an RFC 3161
timestamp from that service. Without a certificate the portal publishes unsigned papers
(`check --deploy` warns: reports/checks.py). Verification trusts the configured certificate
alone, so a paper verifies as the force's only while that certificate is the one configured.
"""

import asyncio
import datetime
import functools
import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# pyHanko is imported where a signature is made or checked, not with this module: the URLconf
# and the checks import this module, and pyHanko's import took a fifth of every process's
# start (gunicorn workers, each manage.py command) that signs nothing.
if TYPE_CHECKING:
    from pyhanko.sign.signers import SimpleSigner
    from pyhanko.sign.validation.settings import KeyUsageConstraints
    from pyhanko_certvalidator import ValidationContext

FIELD_NAME = "SPRPortalSignature"
DIGEST = "sha256"


@functools.cache
def _key_usage() -> "KeyUsageConstraints":
    """A force's certificate may carry either bit; the demo's and the tests' carry both."""
    from pyhanko.sign.validation.settings import KeyUsageConstraints

    return KeyUsageConstraints(
        key_usage={"digital_signature", "non_repudiation"}, match_all_key_usages=False
    )


class SigningUnavailable(ImproperlyConfigured):
    """A certificate is configured but cannot be used (missing file, wrong passphrase)."""


@dataclass(frozen=True)
class SigningIdentity:
    signer: "SimpleSigner"
    subject: str
    fingerprint: str  # SHA-256 of the certificate (DER), lower-case hex
    tsa_url: str = ""

    @property
    def certificate(self):
        return self.signer.signing_cert


def certificate_subject(certificate) -> str:
    return certificate.subject.human_friendly


def certificate_fingerprint(certificate) -> str:
    return hashlib.sha256(certificate.dump()).hexdigest()


def spaced_fingerprint(fingerprint: str) -> str:
    """AB:CD:… as certificate viewers show it, so that people can compare it by eye."""
    return ":".join(fingerprint[i : i + 2] for i in range(0, len(fingerprint), 2)).upper()


_loaded: dict[tuple, SigningIdentity] = {}


def signing_identity() -> SigningIdentity | None:
    """The configured certificate and key, or None when no certificate is configured.
    Loaded once per file version (the PKCS#12 is re-read when the file changes)."""
    path = getattr(settings, "SPR_SIGNING_P12", "")
    if not path:
        return None
    passphrase = getattr(settings, "SPR_SIGNING_P12_PASSPHRASE", "")
    tsa_url = getattr(settings, "SPR_TSA_URL", "")
    try:
        stat = Path(path).stat()
    except OSError as error:
        raise SigningUnavailable(
            f"The signing certificate {path} cannot be read: {error}"
        ) from None
    key = (path, passphrase, tsa_url, stat.st_mtime_ns, stat.st_size)
    if key not in _loaded:
        from pyhanko.sign.signers import SimpleSigner

        try:
            signer = SimpleSigner.load_pkcs12_data(
                Path(path).read_bytes(),
                other_certs=[],
                passphrase=passphrase.encode() if passphrase else None,
            )
        except ValueError:
            raise SigningUnavailable(
                f"The signing certificate {path} cannot be opened: check "
                "SPR_SIGNING_P12_PASSPHRASE."
            ) from None
        _loaded.clear()
        _loaded[key] = SigningIdentity(
            signer=signer,
            subject=certificate_subject(signer.signing_cert),
            fingerprint=certificate_fingerprint(signer.signing_cert),
            tsa_url=tsa_url,
        )
    return _loaded[key]


def configured_certificates() -> list:
    """What verification trusts: the configured certificate (none when it is missing or
    cannot be opened, so that nothing verifies rather than the page failing)."""
    try:
        identity = signing_identity()
    except SigningUnavailable:
        return []
    return [identity.certificate] if identity else []


def _required() -> SigningIdentity:
    identity = signing_identity()
    if identity is None:
        raise SigningUnavailable("No signing certificate is configured (SPR_SIGNING_P12).")
    return identity


def _timestamper(identity: SigningIdentity):
    if not identity.tsa_url:
        return None
    from pyhanko.sign.timestamps.requests_client import RequestsHTTPTimeStamper

    return RequestsHTTPTimeStamper(identity.tsa_url, timeout=10)


def sign_pdf(content: bytes, *, reason: str = "Published board report") -> bytes:
    """The PDF with the force's PAdES signature appended (B-B, or B-T with a timestamp
    service): the original bytes stay, byte for byte, at the start of the signed file."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    identity = _required()
    writer = IncrementalPdfFileWriter(io.BytesIO(content), strict=False)
    metadata = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        md_algorithm=DIGEST,
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason,
        name=identity.subject,
    )
    output = signers.sign_pdf(
        writer, metadata, signer=identity.signer, timestamper=_timestamper(identity)
    )
    return output.getvalue()


def sign_detached(data: bytes) -> bytes:
    """A detached CMS signature (DER) of `data`, as written beside an evidence pack's
    manifest (`manifest.json.p7s`)."""
    identity = _required()
    signed = asyncio.run(
        identity.signer.async_sign_general_data(
            data, DIGEST, detached=True, timestamper=_timestamper(identity)
        )
    )
    return signed.dump()


def _context(trusted) -> "ValidationContext":
    from pyhanko_certvalidator import ValidationContext

    # Offline: the trust root is the configured certificate itself, no revocation fetched.
    return ValidationContext(trust_roots=list(trusted), allow_fetching=False)


@dataclass(frozen=True)
class SignatureCheck:
    """What a signature check found. `valid` is the verdict: intact, made by the trusted
    certificate, and nothing added to the file after it was signed."""

    signed: bool
    valid: bool = False
    intact: bool = False
    trusted: bool = False
    signer_subject: str = ""
    fingerprint: str = ""
    signed_at: datetime.datetime | None = None
    problems: list[str] = field(default_factory=list)


def verify_pdf(content: bytes, *, trusted=None) -> SignatureCheck:
    """Validate the PDF's last signature against the configured certificate (or the
    asn1crypto certificates `trusted`). A changed byte anywhere fails."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    if trusted is None:
        trusted = configured_certificates()
    try:
        reader = PdfFileReader(io.BytesIO(content), strict=False)
        signatures = reader.embedded_signatures
    except Exception:  # any unreadable upload is "not a readable PDF"
        return SignatureCheck(signed=False, problems=["The file is not a readable PDF."])
    if not signatures:
        return SignatureCheck(signed=False, problems=["The PDF carries no digital signature."])
    embedded = signatures[-1]
    try:
        status = validate_pdf_signature(
            embedded, signer_validation_context=_context(trusted), key_usage_settings=_key_usage()
        )
    except Exception as error:  # a damaged signature is an invalid one
        return SignatureCheck(
            signed=True, problems=[f"The signature could not be checked: {error}"]
        )
    whole_file = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    problems = []
    if not status.intact:
        problems.append("The file has changed since it was signed.")
    elif not status.valid:
        problems.append("The signature does not match the file.")
    if status.intact and status.valid and not status.trusted:
        problems.append("The signature is not made with the portal's signing certificate.")
    if status.intact and not whole_file:
        problems.append("Something was added to the file after it was signed.")
    cert = status.signing_cert
    return SignatureCheck(
        signed=True,
        valid=bool(status.bottom_line and whole_file),
        intact=bool(status.intact and status.valid),
        trusted=bool(status.trusted),
        signer_subject=certificate_subject(cert),
        fingerprint=certificate_fingerprint(cert),
        signed_at=status.signer_reported_dt,
        problems=problems,
    )


def verify_detached(data: bytes, signature: bytes, *, trusted=None) -> SignatureCheck:
    """Check a detached CMS signature of `data` against the configured certificate."""
    from asn1crypto import cms
    from pyhanko.sign.validation.generic_cms import async_validate_detached_cms

    if trusted is None:
        trusted = configured_certificates()
    try:
        signed_data = cms.ContentInfo.load(signature)["content"]
        status = asyncio.run(
            async_validate_detached_cms(
                data,
                signed_data,
                signer_validation_context=_context(trusted),
                key_usage_settings=_key_usage(),
            )
        )
    except Exception as error:  # a damaged signature is an invalid one
        return SignatureCheck(signed=True, problems=[f"The signature could not be read: {error}"])
    problems = []
    if not (status.intact and status.valid):
        problems.append("The signed file has changed since it was signed.")
    elif not status.trusted:
        problems.append("The signature is not made with the portal's signing certificate.")
    return SignatureCheck(
        signed=True,
        valid=bool(status.bottom_line),
        intact=bool(status.intact and status.valid),
        trusted=bool(status.trusted),
        signer_subject=certificate_subject(status.signing_cert),
        fingerprint=certificate_fingerprint(status.signing_cert),
        signed_at=status.signer_reported_dt,
        problems=problems,
    )


def make_self_signed_p12(
    *,
    common_name: str,
    organisation: str,
    passphrase: str,
    days: int = 3650,
) -> bytes:
    """A self-signed signing certificate and its key as PKCS#12: for the demo and the tests,
    never for a force's real papers (their certificate comes from the force's PKI)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "GB"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    return pkcs12.serialize_key_and_certificates(
        name=common_name.encode(),
        key=key,
        cert=certificate,
        cas=None,
        encryption_algorithm=serialization.BestAvailableEncryption(passphrase.encode()),
    )
