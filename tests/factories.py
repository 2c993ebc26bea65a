"""Content files of any size, for tests and benches that need many questions."""

import yaml


def framework_yaml(path, n_questions, code="big-2021"):
    """Write a valid content file with `n_questions` maturity questions in one focus area."""
    questions = [
        {
            "code": f"Q-{i:03}",
            "phase": 1,
            "focus_area": "AEI",
            "standards": ["P1-06", "P1-04"] if i % 2 else ["P1-06"],
            "text": f"Question {i} about advance cargo data?",
            "guidance": f"Guidance {i}.",
            "evidence": f"Evidence {i}.",
            "answer_type": "maturity",
            "weight": 1 + i % 3,
            "levels": [f"Q{i} level {level}." for level in range(5)],
        }
        for i in range(1, n_questions + 1)
    ]
    content = {
        "framework": {"code": code, "title": "Generated framework", "edition": 2021},
        "phases": [{"number": 1, "title": "Needs assessment"}],
        "focus_areas": [{"code": "AEI", "title": "Advance electronic cargo information"}],
        "pillars": [
            {
                "code": "P1",
                "title": "Customs-to-Customs",
                "standards": [
                    {"code": "P1-06", "title": "Advance electronic information"},
                    {"code": "P1-04", "title": "Risk-management systems"},
                ],
            }
        ],
        "questions": questions,
    }
    path.write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
    return path
