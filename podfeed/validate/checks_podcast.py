"""Podcasting 2.0 (``podcast:``) checks, P20-* rules (being written by the V2 engineer)."""

from __future__ import annotations
