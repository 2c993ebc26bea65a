from django.urls import path

from .views import data, home, overview, people, profiles, questionnaire, results, workflow

urlpatterns = [
    path("", home.home, name="home"),
    path("framework/", home.framework_detail, name="framework_detail"),
    path("framework/<slug:code>/", home.framework_detail, name="framework_version"),
    path("assessments/", home.assessment_list, name="assessment_list"),
    path(
        "administrations/<int:administration_id>/start/",
        questionnaire.assessment_start,
        name="assessment_start",
    ),
    path("administrations/<int:administration_id>/people/", people.people, name="people"),
    path(
        "administrations/<int:administration_id>/profile/",
        profiles.administration_profile,
        name="administration_profile",
    ),
    path("invitations/<str:token>/", people.invitation, name="invitation"),
    path("assessments/<int:pk>/", questionnaire.assessment_detail, name="assessment_detail"),
    path("assessments/<int:pk>/resume/", questionnaire.resume, name="resume"),
    path("assessments/<int:pk>/sections/<str:code>/", questionnaire.section, name="section"),
    path(
        "assessments/<int:pk>/answers/<int:question_id>/autosave/",
        questionnaire.autosave,
        name="autosave",
    ),
    path(
        "assessments/<int:pk>/questions/<int:question_id>/",
        questionnaire.question_detail,
        name="question_detail",
    ),
    path(
        "assessments/<int:pk>/evidence/<int:evidence_id>/",
        questionnaire.evidence_download,
        name="evidence_download",
    ),
    path("assessments/<int:pk>/history/", questionnaire.history, name="history"),
    path("assessments/<int:pk>/results/", results.results, name="results"),
    path("assessments/<int:pk>/export.csv", results.export_csv, name="export_csv"),
    path("assessments/<int:pk>/submit/", workflow.submit, name="submit"),
    path("assessments/<int:pk>/review/", workflow.review, name="review"),
    path("assessments/<int:pk>/share/", workflow.share, name="share"),
    path("assessments/<int:pk>/report.pdf", results.report_pdf, name="report_pdf"),
    path("assessments/<int:pk>/report.docx", results.report_docx, name="report_docx"),
    path("assessments/<int:pk>/data/", data.data_page, name="assessment_data"),
    path("assessments/<int:pk>/export.xlsx", data.export_xlsx, name="export_xlsx"),
    path("assessments/<int:pk>/scores.csv", data.scores_csv, name="scores_csv"),
    path("assessments/<int:pk>/export.json", data.export_json, name="export_json"),
    path("assessments/<int:pk>/workbook.xlsx", data.workbook_download, name="workbook_download"),
    path("assessments/<int:pk>/workbook/upload/", data.workbook_upload, name="workbook_upload"),
    path("assessments/<int:pk>/workbook/resolve/", data.workbook_resolve, name="workbook_resolve"),
    path("administrations/<int:administration_id>/import/", data.import_json, name="import_json"),
    path("overview/", overview.overview, name="overview"),
    path(
        "overview/export.csv", overview.overview_export, {"extension": "csv"}, name="overview_csv"
    ),
    path(
        "overview/export.xlsx",
        overview.overview_export,
        {"extension": "xlsx"},
        name="overview_xlsx",
    ),
    path("overview/regions/<int:region_id>/", overview.region_benchmark, name="region_benchmark"),
    path(
        "administrations/<int:administration_id>/position/",
        overview.position,
        name="region_position",
    ),
]
