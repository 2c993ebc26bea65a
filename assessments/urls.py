from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("framework/", views.framework_detail, name="framework_detail"),
    path("framework/<slug:code>/", views.framework_detail, name="framework_version"),
    path("assessments/", views.assessment_list, name="assessment_list"),
    path(
        "administrations/<int:administration_id>/start/",
        views.assessment_start,
        name="assessment_start",
    ),
    path("administrations/<int:administration_id>/people/", views.people, name="people"),
    path("assessments/<int:pk>/", views.assessment_detail, name="assessment_detail"),
    path("assessments/<int:pk>/resume/", views.resume, name="resume"),
    path("assessments/<int:pk>/sections/<str:code>/", views.section, name="section"),
    path(
        "assessments/<int:pk>/answers/<int:question_id>/autosave/",
        views.autosave,
        name="autosave",
    ),
    path(
        "assessments/<int:pk>/questions/<int:question_id>/",
        views.question_detail,
        name="question_detail",
    ),
    path(
        "assessments/<int:pk>/evidence/<int:evidence_id>/",
        views.evidence_download,
        name="evidence_download",
    ),
    path("assessments/<int:pk>/history/", views.history, name="history"),
    path("assessments/<int:pk>/results/", views.results, name="results"),
    path("assessments/<int:pk>/export.csv", views.export_csv, name="export_csv"),
    path("assessments/<int:pk>/submit/", views.submit, name="submit"),
    path("assessments/<int:pk>/review/", views.review, name="review"),
    path("assessments/<int:pk>/share/", views.share, name="share"),
    path("assessments/<int:pk>/report.pdf", views.report_pdf, name="report_pdf"),
]
