from django.urls import path

from .views import home, people, questionnaire, results, workflow

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
    path("assessments/<int:pk>/", questionnaire.assessment_detail, name="assessment_detail"),
    path("assessments/<int:pk>/resume/", questionnaire.resume, name="resume"),
    path("assessments/<int:pk>/sections/<str:code>/", questionnaire.section, name="section"),
    path(
        "assessments/<int:pk>/sections/<str:code>/confirm/",
        questionnaire.confirm_section,
        name="confirm_section",
    ),
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
]
