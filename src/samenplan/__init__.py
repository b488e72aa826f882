"""Samenplan: a resident owns one support plan and decides who sees which part of it."""
