"""Reads a hub's CSV export with Python's own csv module (as a spreadsheet script would)
and prints its rows as JSON objects keyed by the header.
Usage: python3 csv_stdlib.py URL"""
import csv
import io
import json
import sys

from _fetch import fetch

text = fetch(sys.argv[1]).decode("utf-8-sig")
print(json.dumps(list(csv.DictReader(io.StringIO(text, newline="")))))
