"""`check --deploy` says when published papers will not be signed: no certificate configured
(a warning: papers are then published unsigned), or one that cannot be opened (an error:
publishing refuses rather than publish unsigned)."""

from django.core.checks import Error, Tags, Warning, register

from reports.signing import SigningUnavailable, signing_identity


@register(Tags.security, deploy=True)
def signing_certificate_is_set(app_configs, **kwargs):
    try:
        identity = signing_identity()
    except SigningUnavailable as error:
        return [
            Error(
                str(error),
                hint="Point SPR_SIGNING_P12 at the force's PKCS#12 file and set "
                "SPR_SIGNING_P12_PASSPHRASE to its passphrase.",
                id="reports.E001",
            )
        ]
    if identity is None:
        return [
            Warning(
                "No signing certificate is set: board papers will be published without a "
                "digital signature, and evidence packs without a signed manifest.",
                hint="Set SPR_SIGNING_P12 (the force's certificate and key as PKCS#12) and "
                "SPR_SIGNING_P12_PASSPHRASE; SPR_TSA_URL adds a trusted timestamp.",
                id="reports.W001",
            )
        ]
    return []
