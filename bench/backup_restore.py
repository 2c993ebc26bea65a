"""Backup and restore, tested end to end on PostgreSQL: build a database with the demo data and
evidence files, back it up with scripts/backup, restore it with scripts/restore into a fresh
database and an empty evidence folder, then compare a full export (dumpdata) and every
evidence file's checksum. Uses its own databases (backupbench_src, backupbench_restored),
dropped at the start; never the application's or the tests' databases.

    .venv/bin/python bench/backup_restore.py
"""

import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SERVER = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
SOURCE, RESTORED = "backupbench_src", "backupbench_restored"

ADD_EVIDENCE = """
from django.core.files.uploadedfile import SimpleUploadedFile
from assessments import services
from assessments.models import Assessment, Question
count = 0
for assessment in Assessment.objects.filter(status="draft").select_related("phase")[:3]:
    question = Question.objects.filter(phase=assessment.phase).order_by("pk")[count]
    editor = assessment.started_by
    content = b"%PDF-1.4 bench " + bytes([65 + count]) * 2000
    upload = SimpleUploadedFile(f"manifest-{count}.pdf", content, content_type="application/pdf")
    services.add_evidence(editor, assessment, question, upload=upload, title=f"Evidence {count}")
    count += 1
print(count)
"""


def run(command, env, **kwargs):
    return subprocess.run(
        command, cwd=ROOT, env=env, check=True, capture_output=True, text=True, **kwargs
    )


def environment(database, media):
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE"}}
    env |= {
        "DATABASE_URL": f"{SERVER}/{database}",
        "MEDIA_ROOT": str(media),
        "PY": sys.executable,
        "SECRET_KEY": "bench-" + "x" * 60,
        "LOG_LEVEL": "ERROR",
    }
    return env


def export(env):
    """Every table the application owns, as Django serialises it, in a stable order."""
    out = run(
        [sys.executable, "manage.py", "dumpdata", "--exclude", "sessions", "--indent", "0"],
        env,
    ).stdout
    rows = json.loads(out)
    return sorted(rows, key=lambda r: (r["model"], str(r["pk"])))


def checksums(folder):
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(Path(folder).rglob("*"))
        if p.is_file()
    }


def main():
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for name in (SOURCE, RESTORED):
            subprocess.run(
                ["psql", f"{SERVER}/postgres", "-qc", f'DROP DATABASE IF EXISTS "{name}"'],
                check=True,
            )
        source = environment(SOURCE, tmp / "evidence")
        seeding = source | {"DEBUG": "1"}
        subprocess.run(
            ["psql", f"{SERVER}/postgres", "-qc", f'CREATE DATABASE "{SOURCE}"'], check=True
        )
        run([sys.executable, "manage.py", "migrate", "--noinput"], seeding)
        run([sys.executable, "manage.py", "loaddata", "fixtures/regions.json"], seeding)
        run([sys.executable, "manage.py", "load_framework", "fixtures/safe-2021.yaml"], seeding)
        run([sys.executable, "manage.py", "seed_demo"], seeding)
        added = run([sys.executable, "manage.py", "shell", "-c", ADD_EVIDENCE], seeding).stdout
        files = int(added.split()[-1])

        started = time.monotonic()
        run(["scripts/backup", str(tmp / "backup")], source | {"DEBUG": "0"})
        backup_s = time.monotonic() - started
        restored = environment(RESTORED, tmp / "evidence-restored") | {"DEBUG": "0"}
        started = time.monotonic()
        run(["scripts/restore", str(tmp / "backup")], restored)
        restore_s = time.monotonic() - started
        refused = subprocess.run(
            ["scripts/restore", str(tmp / "backup")], cwd=ROOT, env=restored, capture_output=True
        ).returncode  # a second restore onto live data must be refused

        before, after = export(source), export(restored)
        same_rows = before == after
        same_files = checksums(tmp / "evidence") == checksums(tmp / "evidence-restored")
        print(f"rows exported: {len(before)} before, {len(after)} after; identical: {same_rows}")
        print(f"evidence files: {files}; identical: {same_files}")
        print(
            f"backup {backup_s:.1f} s, restore {restore_s:.1f} s; restore over data refused: "
            f"{refused != 0}"
        )
        ok = same_rows and same_files and files > 0 and refused != 0
        print(f"backup_restore_ok={int(ok)} rows={len(before)} files={files}")
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
