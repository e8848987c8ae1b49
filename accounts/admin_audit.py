"""Every save and delete made in the Django admin writes a portal audit row: what changed
(old → new, the inlines' rows added, changed and deleted), by whom. Django's own
`django_admin_log` lists field names only and no page shows it; the portal's audit trail is
the record people read (the audit log page and its CSV)."""

from django.db import models

from audit.models import AuditAction
from audit.services import audit_record, changes

# Values never copied to the audit trail, only said to have changed.
SECRET_FIELDS = {"password", "key", "token", "secret", "bin_key", "session_key", "session_data"}
BEFORE = "_portal_audit_before"


def _field_value(obj, field):
    if field.many_to_many:
        if obj is None or obj.pk is None:
            return []
        return sorted(str(related) for related in getattr(obj, field.name).all())
    value = getattr(obj, field.attname if field.is_relation else field.name, None)
    if field.is_relation:
        return str(getattr(obj, field.name)) if value is not None else None
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name
    return value


def snapshot(obj, names) -> dict:
    """The fields `names` of `obj` as the audit summary writes them."""
    fields = {f.name: f for f in obj._meta.get_fields() if f.concrete or f.many_to_many}
    return {name: _field_value(obj, fields[name]) for name in names if name in fields}


def _summary(before: dict, after: dict, model) -> str:
    secret = [name for name in after if name in SECRET_FIELDS and before.get(name) != after[name]]
    shown = {k: v for k, v in after.items() if k not in SECRET_FIELDS}
    labels = {}
    for name in shown:
        try:
            labels[name] = str(model._meta.get_field(name).verbose_name).capitalize()
        except Exception:  # a form field that is not a model field
            labels[name] = name.replace("_", " ").capitalize()
    parts = [changes(before, shown, labels)] if changes(before, shown, labels) else []
    parts += [f"{name.replace('_', ' ').capitalize()} changed" for name in secret]
    return "; ".join(parts)


def _inline_lines(formsets) -> list[str]:
    lines = []
    for formset in formsets:
        label = str(formset.model._meta.verbose_name)
        lines += [f"{label} added: {obj}" for obj in getattr(formset, "new_objects", [])]
        for obj, fields in getattr(formset, "changed_objects", []):
            lines.append(f"{label} “{obj}” changed ({', '.join(fields)})")
        lines += [f"{label} deleted: {obj}" for obj in getattr(formset, "deleted_objects", [])]
    return lines


class AuditedAdmin:
    """Mixed into every ModelAdmin by the portal's admin site (accounts/admin_site.py)."""

    def save_model(self, request, obj, form, change):
        if change:
            old = type(obj)._default_manager.filter(pk=obj.pk).first()
            names = [f.name for f in obj._meta.concrete_fields]
            setattr(form, BEFORE, snapshot(old, names) if old is not None else {})
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        obj = form.instance
        m2m = [f.name for f in obj._meta.many_to_many if f.name in form.changed_data]
        before = getattr(form, BEFORE, {}) | (snapshot(obj, m2m) if change else {})
        super().save_related(request, form, formsets, change)
        names = [f.name for f in obj._meta.concrete_fields] + m2m
        after = snapshot(obj, names)
        if not change:
            after = {k: v for k, v in after.items() if v not in (None, "", [])}
        summary = "; ".join(filter(None, [_summary(before, after, type(obj))]))
        lines = _inline_lines(formsets)
        if not change or summary or lines:
            audit_record(
                actor=request.user,
                action=AuditAction.ADMIN_CHANGED if change else AuditAction.ADMIN_ADDED,
                obj=obj,
                summary="; ".join(filter(None, [summary, *lines])) or "No field set",
                ip_address=request.META.get("REMOTE_ADDR"),
            )

    def delete_model(self, request, obj):
        self._audit_deleted(request, obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self._audit_deleted(request, obj)
        super().delete_queryset(request, queryset)

    def _audit_deleted(self, request, obj):
        audit_record(
            actor=request.user,
            action=AuditAction.ADMIN_DELETED,
            obj=obj,
            summary=f"Deleted {obj._meta.verbose_name} “{obj}”",
            ip_address=request.META.get("REMOTE_ADDR"),
        )
