"""draft → clean → lint → (another try) → composer. The Drafter asks the chosen writer
(assistant/writers/), gates every sample, and falls back to the composer. Every path ends in a
draft that fits the limit and has no error-level finding, and says how it was made."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from assistant import lint
from assistant.drafting.clean import clean
from assistant.drafting.result import Draft, Usage
from assistant.drafting.tasks import AT_TOKEN_CAP, Task, rejection_reason
from assistant.errors import CordialError
from assistant.lint.engine import matches
from assistant.prompting import load_prompt, render
from assistant.prompting.templates import mask_canary, unmask_canary
from assistant.settings import Settings
from assistant.writers import CONFIG_ERRORS, Call, Composer, NoChatModel, Writer, writer_for

log = logging.getLogger(__name__)

# At most this many model calls per draft: the first sample and two more tries.
MAX_MODEL_CALLS = 3
COMPOSER_VARIANTS = 5
# A note the user pastes may shout and is only warned; a draft Cordial writes never does (a small
# model copies "AMAZING DEMO!!!" from the context), so there it is an error the gate rejects.
# The user's own [lint] severity settings still win.
DRAFT_SEVERITY = {"style.shouting": "error"}
# What the revise prompt calls each kind of draft.
_KIND_WORDS = {"invite": "invitation note", "followup": "follow-up message"}
_SHORTER = re.compile(r"\b(?:short|shorter|shorten|briefer|brief|concise|trim|cut)\b", re.I)


@dataclass
class Attempt:
    """One model call's cleaned text and its lint result."""

    text: str
    result: Any  # LintResult
    first_token_s: float | None = None

    @property
    def score(self) -> tuple[int, int, int]:
        """Lower is better: errors, then warnings, then length."""
        errors = sum(f.severity == "error" for f in self.result.findings)
        warnings = sum(f.severity == "warning" for f in self.result.findings)
        return errors, warnings, self.result.chars


@dataclass
class Run:
    """The running tally for one draft."""

    started: float = field(default_factory=time.perf_counter)
    usage: Usage = field(default_factory=Usage)
    first_token_s: float | None = None
    last_first_token_s: float | None = None  # the latest call's, from that call's start
    last_at_token_cap: bool = False  # the latest call stopped at its max-token cap: text cut
    rejected: list[str] = field(default_factory=list)  # why samples were turned down


def _with_draft_severity(user: dict[str, str]) -> dict[str, str]:
    """The user's severity overrides, plus DRAFT_SEVERITY's for rules they do not mention (by
    id or by a family such as "style")."""
    ours = {rule: level for rule, level in DRAFT_SEVERITY.items() if not matches(rule, user)}
    return {**ours, **user}


def _describe_finding(finding: Any, text: str) -> str:
    """A finding as the revise prompt shows it: the message and the words it is about."""
    span = text[finding.start : finding.end]
    if 0 < len(span) <= 60:
        return f'{finding.message} (at "{span}")'
    return finding.message


class Drafter:
    """Drafts with the chosen writer through the gate, else the composer; the writer (and its
    chat model) is built once and reused."""

    def __init__(
        self,
        settings: Settings,
        model: Any = None,
        *,
        retry: str = "resample",
        cache: Any = None,
    ) -> None:
        self.settings = settings
        # Who writes: the writer the settings name, or a caller's own LangChain chat model.
        self.writer: Writer = writer_for(settings, model)
        # The last resort whatever the writer does. A deterministic writer is its own: asking
        # it again gives the same text, so its samples are not gated and retried.
        self.composer: Writer = self.writer if self.writer.deterministic else Composer(settings)
        # The writers whose samples go through the gate before the last resort.
        self.sampled: tuple[Writer, ...] = () if self.writer is self.composer else (self.writer,)
        # A response cache (see assistant.evals.cache): get(key) / put(key, text).
        self.cache = cache
        # "resample" asks again with the same prompt; "revise" feeds the findings back. On the
        # embedded model resampling kept more drafts and was faster (the prompt prefix stays
        # cached): benchmarks/draft_bench.py --retry revise|resample.
        self.retry = retry

    @property
    def backend(self) -> str:
        """The backend name reported on drafts; a caller's own model reports as 'custom'."""
        return self.writer.name

    def _call(
        self, writer: Writer, messages: list[Any], run: Run, max_tokens: int
    ) -> tuple[str, float | None]:
        """One model call and its time to first token; from the cache when this exact call
        (backend, model, prompt, parameters, sample number) was made before."""
        seed = self._seed(run)
        key = self._cache_key(writer, messages, max_tokens, seed, run.usage.model_calls)
        if key is not None and (hit := self.cache.get(key)) is not None:
            run.usage.model_calls += 1
            run.last_at_token_cap = False  # only answers that finished are cached
            return unmask_canary(hit), None
        run.last_first_token_s = None
        text = "".join(self._streamed(writer, messages, run, max_tokens))
        # A cut answer is not kept: the cache holds text only, and a later run must see the
        # cut again (and ask again) rather than judge the text alone.
        if key is not None and not run.last_at_token_cap:
            self.cache.put(key, mask_canary(text))
        return text, run.last_first_token_s

    def _seed(self, run: Run) -> int | None:
        # Each call in a draft gets its own seed, so a retry is a new sample, not a repeat.
        return None if self.settings.seed is None else self.settings.seed + run.usage.model_calls

    def _streamed(
        self, writer: Writer, messages: list[Any], run: Run, max_tokens: int
    ) -> Iterator[str]:
        """One model call's text chunks; its cost is added to the run."""

        def done(call: Call) -> None:
            run.usage.model_calls += 1
            run.usage.model_s += call.seconds
            run.usage.prompt_tokens += call.prompt_tokens
            run.usage.completion_tokens += call.completion_tokens
            run.usage.approximate = run.usage.approximate or call.approximate
            run.last_first_token_s = call.first_token_s
            run.last_at_token_cap = call.at_token_cap

        run.last_at_token_cap = False
        yield from writer.answer(
            messages, max_tokens=max_tokens, seed=self._seed(run), on_done=done
        )

    def _cache_key(
        self, writer: Writer, messages: list[Any], max_tokens: int, seed: int | None, call: int
    ) -> str | None:
        if self.cache is None:
            return None
        import hashlib
        import json

        s = self.settings
        material = json.dumps(
            [
                writer.name,
                s.model_name,
                s.base_url,
                s.temperature,
                max_tokens,
                seed,
                call,
                # The canary differs between installations; keyed without it, answers stay
                # reusable.
                [(m.type, mask_canary(m.content)) for m in messages],
            ],
            ensure_ascii=False,
        )
        return hashlib.sha256(material.encode()).hexdigest()

    def verdict(self, text: str, task: Task, run: Run | None = None) -> tuple[Any, list[str]]:
        """The lint result and every reason to reject the text as a draft for the task; with
        the run, a sample that stopped at its token cap is rejected too (its text was cut)."""
        result = self.check(text, task)
        problems = [f.rule for f in result.errors] + task.problems(text)
        if run is not None and run.last_at_token_cap:
            problems = [AT_TOKEN_CAP, *problems]
        return result, problems if text else ["empty", *problems]

    def check(self, text: str, task: Task) -> Any:
        """Lint a draft for the task, with the user's rule switches from settings."""
        rules = self.settings.lint
        return lint(
            text,
            **task.lint_args(),
            select=rules.select,
            ignore=rules.ignore,
            severity=_with_draft_severity(rules.severity),
        )

    # -- drafting --------------------------------------------------------------------------

    def draft(self, task: Task, *, variants: int = 1) -> Draft:
        """The best draft for the task, with up to `variants` lint-clean alternatives."""
        return self._drafted(task, Run(), variants)

    def _drafted(
        self, task: Task, run: Run, variants: int, rejected: Attempt | None = None
    ) -> Draft:
        """The one loop: each writer's samples through the gate (the chosen writer's, unless it
        is the composer), then the composer's draft. `rejected` is a sample already made in
        this run (the streamed one): its call counts against the budget."""
        reason, failed = None, False
        for writer in self.sampled:
            kept: list[Attempt] = []
            try:
                for n in range(max(1, variants)):
                    attempt = self._clean_sample(writer, task, run, rejected if n == 0 else None)
                    if attempt is None:
                        break
                    kept.append(attempt)
            except CONFIG_ERRORS:
                raise
            except CordialError as exc:
                # Info, not warning: the reason travels in draft.fallback_reason and the caller
                # shows it; a warning would reach stderr again through logging's fallback.
                log.info("%s failed, composing instead: %s", writer.name, exc)
                reason, failed = str(exc), True
                continue
            if kept:
                kept.sort(key=lambda a: a.score)
                best = kept[0]
                return self._finish(
                    task,
                    run,
                    best.text,
                    best.result,
                    path=self._path_of(run),
                    variants=[a.text for a in kept],
                )
            reason = rejection_reason(run.rejected)
        return self._composed(task, run, variants, reason=reason, failed=failed)

    def _clean_sample(
        self, writer: Writer, task: Task, run: Run, previous: Attempt | None = None
    ) -> Attempt | None:
        """Sample, then retry with the findings, within the call budget (a `previous` sample
        already spent one call); None if all fail."""
        prompt = load_prompt(task.prompt)
        messages = render(task.prompt, task.values)
        for _ in range(MAX_MODEL_CALLS - (previous is not None)):
            if previous is not None and not self._time_for_another(run):
                log.info("no time for another sample within %.0f s", self.settings.draft_budget_s)
                break
            if previous is not None and self.retry == "revise":
                messages = render("revise", self._revise_values(task, previous))
            raw, first = self._call(writer, messages, run, prompt.max_tokens)
            if run.first_token_s is None:
                run.first_token_s = first
            text = clean(raw)
            result, problems = self.verdict(text, task, run)
            attempt = Attempt(text, result, first)
            if not problems:
                return attempt
            log.info("draft rejected %s: %r", problems, text)
            run.rejected += problems
            previous = attempt
        return None

    def _time_for_another(self, run: Run) -> bool:
        """True when one more call of the average length still fits the time budget."""
        if not run.usage.model_calls:
            return True
        per_call = run.usage.model_s / run.usage.model_calls
        return time.perf_counter() - run.started + per_call <= self.settings.draft_budget_s

    def _revise_values(self, task: Task, attempt: Attempt, instruction: str = "none") -> dict:
        problems = "; ".join(
            _describe_finding(f, attempt.text)
            for f in attempt.result.findings
            if f.severity == "error"
        )
        return {
            "kind": _KIND_WORDS.get(task.kind, "reply message"),
            "sender": task.values.get("sender", ""),
            "recipient": task.values.get("recipient") or task.values.get("requester_name", ""),
            "shared": "; ".join(task.facts.get("shared", [])) or "none",
            "draft": attempt.text,
            "problems": problems or "none",
            "instruction": instruction,
            "max_chars": task.values["max_chars"],
        }

    def revise(self, task: Task, text: str, instruction: str) -> Draft:
        """Rewrite a draft to follow the user's instruction ('shorter, warmer'), same gate."""
        run = Run()
        current = Attempt(text, self.check(text, task))
        try:
            for _ in range(MAX_MODEL_CALLS):
                values = self._revise_values(task, current, instruction)
                raw, first = self._call(self.writer, render("revise", values), run, 200)
                run.first_token_s = run.first_token_s or first
                candidate = clean(raw)
                result, problems = self.verdict(candidate, task, run)
                if not problems:
                    return self._finish(task, run, candidate, result, path="model-revised")
                current = Attempt(candidate or text, result)
        except NoChatModel:
            return self._composed_for(task, run, text, instruction)
        except CONFIG_ERRORS:
            raise
        except CordialError as exc:
            return self._composed(task, run, 1, reason=str(exc), failed=True)
        return self._composed(task, run, 1, reason="the revision still had errors")

    def extract(self, text: str) -> Any:
        """The fields of a plain-language request: the model's reading, checked, else the
        rules' reading (Extracted.source says which)."""
        from assistant.drafting.extract import check_request, extract_by_rules, parse_answer

        check_request(text)
        run = Run()
        messages = render("extract", {"text": text})
        try:
            for _ in range(2):  # one more sample if the first answer is not usable JSON
                raw, _first = self._call(
                    self.writer, messages, run, load_prompt("extract").max_tokens
                )
                extracted = parse_answer(raw, text)
                if extracted is not None:
                    return extracted
                log.info("extract answer unusable: %r", raw[:200])
        except NoChatModel:
            pass  # the composer reads no prompt: the rules read the request
        except CONFIG_ERRORS:
            raise
        except CordialError as exc:
            log.warning("extract failed, reading by rules: %s", exc)
        return extract_by_rules(text)

    def classify(self, note: str, categories: tuple[str, ...]) -> str | None:
        """The model's reading of an incoming note as one of `categories`, for the triage rows
        the rules cannot decide; None when its answer is not one of them. One call; a failed
        backend raises CordialError so a batch can stop asking."""
        prompt = load_prompt("triage")
        # Notes past the platform's limits carry no more signal; the prompt stays small.
        messages = render("triage", {"note": note[:1_000]})
        try:
            raw, _first = self._call(self.writer, messages, Run(), prompt.max_tokens)
        except NoChatModel:
            return None  # the composer reads no prompt: the rules' answer stands
        found = re.search(r'"category"\s*:\s*"([a-z-]+)"', raw)
        return found.group(1) if found and found.group(1) in categories else None

    def _composed_for(self, task: Task, run: Run, text: str, instruction: str) -> Draft:
        """The composer cannot rewrite; for 'shorter' it offers its shortest clean version."""
        if _SHORTER.search(instruction):
            texts = {self.composer.write(task, n) for n in range(COMPOSER_VARIANTS)}
            for candidate in sorted(texts, key=len):
                result = self.check(candidate, task)
                if len(candidate) < len(text) and result.ok:
                    return self._finish(
                        task,
                        run,
                        candidate,
                        result,
                        path="composer",
                        reason="the composer cannot rewrite; this is its shortest version",
                    )
        return self._composed(
            task, run, 1, reason="the composer cannot follow instructions; here is its draft"
        )

    # -- endings ---------------------------------------------------------------------------

    def _path_of(self, run: Run) -> str:
        if run.usage.model_calls <= 1:
            return "model"
        return "model-revised" if self.retry == "revise" else "model-retry"

    def _composed(
        self, task: Task, run: Run, variants: int, *, reason: str | None, failed: bool = False
    ) -> Draft:
        texts = []
        for n in range(max(1, variants)):
            text = self.composer.write(task, n)
            if text not in texts:
                texts.append(text)
        result = self.check(texts[0], task)
        return self._finish(
            task,
            run,
            texts[0],
            result,
            path="composer" if reason is None else "fallback",
            variants=texts,
            reason=reason,
            failed=failed,
        )

    def _finish(
        self,
        task: Task,
        run: Run,
        text: str,
        result: Any,
        *,
        path: str,
        variants: list[str] | None = None,
        reason: str | None = None,
        failed: bool = False,
    ) -> Draft:
        fallback = path == "fallback"
        return Draft(
            text=text,
            chars=result.chars,
            limit=result.limit,
            kind=task.kind,
            situation=task.situation,
            situation_reasons=list(task.situation_reasons),
            findings=[f.to_dict() for f in result.findings],
            backend=self.backend if not fallback else f"{self.backend}+composer",
            model=self.settings.model_name if path != "composer" else "composer",
            fallback=fallback,
            fallback_reason=reason,
            backend_failed=failed,
            path=path,
            variants=variants or [text],
            usage=run.usage,
            latency_s=time.perf_counter() - run.started,
            first_token_s=run.first_token_s,
        )

    def stream(self, task: Task) -> Iterator[str | Draft]:
        """Text chunks of the writer's first sample as they arrive, then the finished Draft
        (which may differ: the gate can replace a rejected sample). The composer's draft comes
        whole."""
        run = Run()
        for writer in self.sampled[:1]:
            chunks: list[str] = []
            try:
                # The same parameters as a drafted sample: the prompt's token cap, the first seed.
                max_tokens = load_prompt(task.prompt).max_tokens
                messages = render(task.prompt, task.values)
                for chunk in self._streamed(writer, messages, run, max_tokens):
                    chunks.append(chunk)
                    yield chunk
            except CONFIG_ERRORS:
                raise
            except CordialError as exc:
                yield self._composed(task, run, 1, reason=str(exc), failed=True)
                return
            run.first_token_s = run.last_first_token_s
            text = clean("".join(chunks))
            result, problems = self.verdict(text, task, run)
            if not problems:
                yield self._finish(task, run, text, result, path="model")
                return
            # Resampled in the same run: the next call gets the next seed (the first one would
            # repeat the streamed sample) and the streamed call counts against the budget.
            log.info("streamed draft rejected %s: %r", problems, text)
            run.rejected += problems
            yield self._drafted(task, run, 1, rejected=Attempt(text, result, run.first_token_s))
            return
        yield self._drafted(task, run, 1)
