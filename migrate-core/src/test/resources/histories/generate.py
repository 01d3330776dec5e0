#!/usr/bin/env python3
"""Writes the three migration histories that HistoriesOnAFreshDatabaseTest applies (run from this folder).

The files are committed; this script only saves typing. Each history is a project's life told in migrations:
seed data that is dropped later, temporary columns, enums that grow, hand-written SQL between generated SQL.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import gen_django  # noqa: E402
import gen_flyway  # noqa: E402
import gen_prisma  # noqa: E402

here = os.path.dirname(os.path.abspath(__file__))
for module, folder in [(gen_prisma, "prisma"), (gen_flyway, "flyway"), (gen_django, "django")]:
    written = module.generate(os.path.join(here, folder))
    print(f"{folder}: {len(written)} migrations")
