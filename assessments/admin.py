from django.contrib import admin

from .models import (
    Administration,
    Answer,
    Assessment,
    AssessmentEvent,
    DonorOrganisation,
    Evidence,
    FocusArea,
    Framework,
    Invitation,
    Membership,
    Phase,
    Pillar,
    Question,
    Region,
    Standard,
)


class PhaseInline(admin.TabularInline):
    model = Phase
    extra = 0


class FocusAreaInline(admin.TabularInline):
    model = FocusArea
    extra = 0


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "edition", "loaded_at"]
    readonly_fields = ["checksum", "loaded_at"]
    inlines = [PhaseInline, FocusAreaInline]


@admin.register(Pillar)
class PillarAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "framework"]
    list_filter = ["framework"]


@admin.register(Standard)
class StandardAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "kind", "pillar", "framework"]
    list_filter = ["framework", "kind", "pillar__code"]
    search_fields = ["code", "title"]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = [
        "code",
        "short_text",
        "phase",
        "focus_area",
        "answer_type",
        "weight",
        "mandatory",
        "retired",
    ]
    list_filter = [
        "framework",
        "phase__number",
        "focus_area__code",
        "answer_type",
        "standards__code",
        "retired",
    ]
    search_fields = ["code", "text", "guidance"]
    filter_horizontal = ["standards"]
    list_select_related = ["phase", "focus_area"]

    @admin.display(description="text")
    def short_text(self, question):
        return question.text[:90]


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Administration)
class AdministrationAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "region"]
    list_filter = ["region"]
    search_fields = ["name", "country"]
    inlines = [MembershipInline]


@admin.register(DonorOrganisation)
class DonorOrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "website"]
    search_fields = ["name"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "administration", "donor_organisation"]
    list_filter = ["role"]
    search_fields = ["user__username", "administration__name"]


class EventInline(admin.TabularInline):
    model = AssessmentEvent
    extra = 0
    readonly_fields = ["action", "actor", "comment", "at"]


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ["title", "administration", "phase", "status", "updated_at"]
    list_filter = ["status", "phase__number", "administration__region"]
    search_fields = ["title", "administration__name"]
    inlines = [EventInline]


@admin.register(Answer)
class AnswerAdmin(admin.ModelAdmin):
    list_display = ["assessment", "question", "maturity", "not_applicable", "updated_at"]
    list_select_related = ["assessment", "question"]
    search_fields = ["question__code", "assessment__title"]


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    list_display = ["answer", "title", "original_name", "url", "size", "uploaded_at"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Administrators see who invited whom to which administration, and the answer."""

    list_display = ["user", "administration", "role", "status", "invited_by", "created_at"]
    list_filter = ["status", "role", "administration"]
    search_fields = ["user__email", "user__username", "administration__name"]
    readonly_fields = ["token", "created_at", "answered_at"]
