"""The eval suite: cases as data (evals/cases/*.yaml), assertions, a runner and baselines."""
