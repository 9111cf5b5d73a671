"""Deciding a case: its facts as clingo symbols, the solver, the model read into typed results, and
what-if plans and ranked routes built on the same rules."""
