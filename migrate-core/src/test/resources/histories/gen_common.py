"""Shared helpers of generate.py: deterministic clocks and file writing."""
import datetime
import hashlib
import os
import random
import shutil


class Clock:
    """Hands out increasing yyyyMMddHHmmss timestamps, a few hours to a few weeks apart, like real commits."""

    def __init__(self, start, seed):
        self.now = start
        self.random = random.Random(seed)

    def next(self):
        self.now += datetime.timedelta(minutes=self.random.randint(20, 60 * 24 * 12), seconds=self.random.randint(0, 59))
        return self.now.strftime("%Y%m%d%H%M%S")


def digest(*parts, length=8):
    """A short hex digest, as Django appends to index and constraint names."""
    return hashlib.md5("".join(parts).encode()).hexdigest()[:length]


def reset(root):
    if os.path.isdir(root):
        shutil.rmtree(root)
    os.makedirs(root)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text if text.endswith("\n") else text + "\n")
