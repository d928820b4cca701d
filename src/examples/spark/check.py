#!/usr/bin/env python3
"""Checks that the Spark job's CSV answers what `lenet predict --json` answers, file by file.

    check.py SPARK_CSV PREDICT_JSON_LINES

Each file must be in both, once. Where predict read a class, the row has the same label and a probability within
1e-5 of predict's (which gives six decimals); where predict gave an error, the row has the same error and no label.
Prints one line per difference, naming the file, then "N rows, M mismatches"; exits 1 on any difference.
"""
import csv
import json
import os
import sys

TOLERANCE = 1e-5


def key(path):
    return os.path.normpath(os.path.abspath(path))


def main(argv):
    if len(argv) != 3:
        print("usage: check.py SPARK_CSV PREDICT_JSON_LINES", file=sys.stderr)
        return 2
    rows, problems = {}, []
    with open(argv[1], newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != ["file", "label", "probability", "error"]:
            print("check.py: %s: header %s, expected file,label,probability,error" % (argv[1], reader.fieldnames))
            return 1
        for row in reader:
            if key(row["file"]) in rows:
                problems.append("%s: two rows in %s" % (row["file"], argv[1]))
            rows[key(row["file"])] = row
    answers = {}
    with open(argv[2], encoding="utf-8") as f:
        for line in f:
            if line.strip():
                answer = json.loads(line)
                answers[key(answer["file"])] = answer
    for path in sorted(set(answers) - set(rows)):
        problems.append("%s: predict read it, the Spark job wrote no row" % answers[path]["file"])
    for path in sorted(set(rows) - set(answers)):
        problems.append("%s: a row from the Spark job, nothing from predict" % rows[path]["file"])
    for path in sorted(set(rows) & set(answers)):
        row, answer = rows[path], answers[path]
        if "error" in answer:
            if row["error"] != answer["error"] or row["label"]:
                problems.append("%s: predict: error %r; Spark: label %r, error %r"
                                % (row["file"], answer["error"], row["label"], row["error"]))
        elif row["error"] or row["label"] != answer["class"]:
            problems.append("%s: predict: %s (%s); Spark: label %r, error %r"
                            % (row["file"], answer["class"], answer["probability"], row["label"], row["error"]))
        elif abs(float(row["probability"]) - answer["probability"]) > TOLERANCE:
            problems.append("%s: probability %s from Spark, %s from predict (more than %g apart)"
                            % (row["file"], row["probability"], answer["probability"], TOLERANCE))
    for problem in problems:
        print("check.py: " + problem)
    print("check.py: %s: %d rows, %d answers from predict, %d mismatches"
          % (argv[1], len(rows), len(answers), len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
