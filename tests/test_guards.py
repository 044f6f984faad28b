"""Every protection has a test that fails without it: a mutation harness.

Each row of GUARDS names a guard, the exact text that makes it (each snippet must occur
exactly once in its file), the text that removes it, and the tests that must then FAIL.
For each row the repository is copied (without .venv, .git, output, build) to a temporary
folder, the row's edits are applied there, and the named tests run in a subprocess with
the copy first on PYTHONPATH (the subprocess asserts that the copy is what it imports:
the venv has the package installed in editable mode). test_every_named_test_passes_unmutated
runs all the named tests once on an unmutated copy, so a row cannot pass because its tests
fail anyway.

To add a guard: append a Guard(...) to GUARDS. Rows run two at a time; the module is
marked slow (a few minutes). Run one row with -k ROW-ID.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
SKIP = {".venv", ".git", "output", "build", "dist", "__pycache__", ".pytest_cache", ".hypothesis",
        "tei_edition.egg-info"}
ROW_TIMEOUT = 600


@dataclass(frozen=True)
class Guard:
    id: str
    file: str                                  # relative to the repository root
    edits: tuple[tuple[str, str], ...]         # (exact original snippet, replacement)
    tests: tuple[str, ...]                     # node ids that must fail without the guard
    why: str = ""
    # A test that outlives this many seconds counts as failed: without a guard against
    # quadratic time, a scale test runs for minutes; with it, for seconds.
    timeout: int = ROW_TIMEOUT


def guard(id, file, original, replacement, *tests, why="", timeout=None):
    if timeout is None:
        # Scale tests take seconds with their guard: a minute means it is gone.
        timeout = 60 if all(t.startswith(S) for t in tests) else ROW_TIMEOUT
    return Guard(id, file, ((original, replacement),), tuple(tests), why, timeout)


H = "tests/test_hostile.py::"
X = "tests/test_hostile_xml.py::"
S = "tests/test_hostile_scale.py::"

GUARDS: list[Guard] = [
    # ---------------------------------------------------------------- the XML parser
    Guard("parser-dtd-and-resolver", "tei_edition/xmlio.py", (
        ("load_dtd=False,           # an external DTD", "load_dtd=True,           # an external DTD"),
        ("    parser.resolvers.add(RefuseAllResolver())\n", "")),
        (X + "test_parse_untrusted_opens_no_dtd_and_no_entity_file",),
        why="with DTD loading on and no refusing resolver, the DTD file is opened"),
    guard("parser-load-dtd", "tei_edition/xmlio.py",
          "load_dtd=False,           # an external DTD", "load_dtd=True,           # an external DTD",
          X + "test_layer_load_dtd_alone_keeps_an_external_dtd_unread"),
    guard("parser-resolver", "tei_edition/xmlio.py",
          "    parser.resolvers.add(RefuseAllResolver())\n", "",
          X + "test_layer_resolver_alone_refuses_what_a_dtd_loading_parser_asks_for"),
    guard("parser-resolve-entities", "tei_edition/xmlio.py",
          "resolve_entities=False,", "resolve_entities=True,",
          X + "test_layer_resolve_entities_alone_keeps_entities_unexpanded"),
    guard("parser-no-network", "tei_edition/xmlio.py",
          "no_network=True,", "no_network=False,",
          X + "test_layer_no_network_alone_makes_libxml2_refuse_network_loads"),
    guard("parser-huge-tree-off", "tei_edition/xmlio.py",
          "huge_tree=False,", "huge_tree=True,",
          X + "test_layer_huge_tree_off_keeps_the_documented_limits"),
    guard("parser-doctype-refusal", "tei_edition/xmlio.py",
          "if docinfo.internalDTD is not None or docinfo.system_url or docinfo.public_id:",
          "if False:",
          X + "test_a_doctype_is_refused_even_when_it_declares_nothing_used",
          "tests/test_validate.py::test_an_entity_is_never_expanded_nor_a_file_read"),
    # ---------------------------------------------------------------- reading input
    guard("read-refuses-devices", "tei_edition/xmlio.py",
          "if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode):", "if False:",
          H + "test_a_device_as_input_is_refused_at_once"),
    guard("read-size-precheck", "tei_edition/xmlio.py",
          "if stat.S_ISREG(info.st_mode) and info.st_size > limit:", "if False:",
          H + "test_a_100_mb_file_is_refused_before_it_is_read"),
    guard("read-capped", "tei_edition/xmlio.py",
          "data = handle.read(limit + 1)", "data = handle.read()",
          H + "test_a_pipe_that_never_ends_is_read_up_to_the_limit"),
    # ---------------------------------------------------------------- writing output
    guard("write-atomic", "tei_edition/xmlio.py",
          "    _make_parent(path.parent, path)\n",
          "    _make_parent(path.parent, path)\n    try:\n        Path(path).write_bytes(data)\n"
          "    except OSError as exc:\n        raise OutputError(f\"cannot write: {_reason(exc)}\","
          " path) from None\n    return\n",
          H + "test_a_write_that_fails_midway_keeps_the_old_file",
          why="writing in place: a write that fails midway leaves half a file"),
    guard("write-removes-temporary", "tei_edition/xmlio.py",
          "            os.unlink(tmp)\n", "            pass\n",
          H + "test_a_write_that_fails_midway_keeps_the_old_file"),
    guard("write-refuses-directory", "tei_edition/xmlio.py",
          "        if stat.S_ISDIR(info.st_mode):\n            raise OutputError(\"is a directory: give a file name\", path)\n",
          "",
          H + "test_an_output_that_is_a_directory"),
    guard("write-keeps-device-nodes", "tei_edition/xmlio.py",
          "        if stat.S_ISCHR(info.st_mode) or stat.S_ISFIFO(info.st_mode):\n"
          "            _write_stream_path(path, data)\n            return\n", "",
          H + "test_writing_to_a_device_writes_through_and_keeps_the_node"),
    guard("write-refuses-inputs", "tei_edition/xmlio.py",
          "if same_file(path, source):", "if False:",
          H + "test_write_atomic_refuses_to_write_over_an_input"),
    guard("write-follows-symlinks", "tei_edition/xmlio.py",
          "target = Path(os.path.realpath(path))", "target = path",
          H + "test_write_atomic_through_a_symlink_keeps_the_link"),
    guard("write-short-temporary-name", "tei_edition/xmlio.py",
          'prefix=f".{target.name[:40]}."', 'prefix=f".{target.name}."',
          H + "test_a_name_of_250_bytes_can_be_written"),
    guard("stream-errors", "tei_edition/xmlio.py",
          "    except (OSError, ValueError) as exc:   # ValueError: I/O operation on closed file",
          "    except ZeroDivisionError as exc:",
          H + "test_a_pipe_closed_by_its_reader", H + "test_standard_output_onto_a_full_disk"),
    guard("stream-closed", "tei_edition/xmlio.py",
          '        if sys.stdout is None:\n            raise OutputError(f"{label} is closed: use -o FILE")\n',
          "", H + "test_standard_output_closed"),
    # ---------------------------------------------------------------- messages
    guard("message-surrogates-as-bytes", "tei_edition/errors.py",
          'text = os.fsencode(text).decode("utf-8", "backslashreplace")', "pass",
          H + "test_html_refuses_a_non_utf8_file_name_with_a_hint"),
    guard("message-one-line", "tei_edition/errors.py",
          'return printable(f"{where}{self.message}")', 'return f"{where}{self.message}"',
          H + "test_an_error_naming_a_file_with_a_newline_stays_one_line",
          H + "test_a_sidecar_key_with_a_newline_is_reported_on_one_line"),
    # ---------------------------------------------------------------- decoding page text
    guard("decode-gb18030-plausible", "tei_edition/ingest/decode.py",
          "if not _plausible_gb18030(text):", "if False:",
          H + "test_gb18030_byte_soup_is_refused_as_implausible"),
    guard("decode-nul", "tei_edition/ingest/decode.py",
          "    if nul >= 0:\n", "    if False:\n",
          H + "test_nul_and_control_characters_in_page_text_are_named_by_line"),
    guard("decode-utf16", "tei_edition/ingest/decode.py",
          'if data.startswith((b"\\xff\\xfe", b"\\xfe\\xff")):', "if False:",
          H + "test_utf16_page_text_is_refused"),
    guard("decode-control-characters", "tei_edition/ingest/decode.py",
          "bad = NOT_XML.search(text)", "bad = None",
          H + "test_nul_and_control_characters_in_page_text_are_named_by_line"),
    # ---------------------------------------------------------------- sidecars
    guard("sidecar-control-characters", "tei_edition/ingest/sidecar.py",
          "bad = _NOT_IN_XML.search(value)", "bad = None",
          H + "test_bad_sidecar_values_are_named_by_line"),
    guard("sidecar-plain-digits", "tei_edition/ingest/sidecar.py",
          "    if odd_digit:\n", "    if False:\n",
          H + "test_bad_sidecar_values_are_named_by_line"),
    guard("sidecar-marker-re2", "tei_edition/ingest/sidecar.py",
          "        return re2.compile(pattern, options)\n",
          "        import re as backtracking\n        return backtracking.compile(pattern)\n",
          H + "test_bad_sidecar_values_are_named_by_line",
          why="Python's re accepts backreferences and lookaround, and backtracks"),
    guard("sidecar-marker-quiet", "tei_edition/ingest/sidecar.py",
          "options.log_errors = False", "options.log_errors = True",
          H + "test_bad_sidecar_values_are_named_by_line"),
    # ---------------------------------------------------------------- validate
    guard("validate-output-errors", "tei_edition/validation.py",
          "    except (OSError, ValueError) as exc:      # a closed pipe, a full disk, a closed stream",
          "    except ZeroDivisionError as exc:",
          H + "test_standard_output_onto_a_full_disk", H + "test_a_pipe_closed_by_its_reader"),
    guard("validate-closed-stdout", "tei_edition/validation.py",
          "    if out is None:\n", "    if False:\n", H + "test_standard_output_closed"),
    guard("validate-displays-paths", "tei_edition/validation.py",
          "label = display_path(source)", "label = str(source)",
          H + "test_validate_json_is_utf8_even_for_a_non_utf8_file_name",
          H + "test_validate_shows_a_non_utf8_file_name_escaped"),
    guard("validate-problem-one-line", "tei_edition/validation.py",
          'return printable(f"{self.path}:{line}:{column}: {self.severity}: {self.message} [{self.rule}]")',
          'return f"{self.path}:{line}:{column}: {self.severity}: {self.message} [{self.rule}]"',
          H + "test_a_newline_in_an_attribute_value_stays_on_its_problem_line"),
    guard("validate-schematron-no-access", "tei_edition/validation.py",
          "self.xslt = etree.XSLT(xslt_doc, access_control=NO_ACCESS,",
          "self.xslt = etree.XSLT(xslt_doc,",
          X + "test_schematron_runs_without_file_access"),
    guard("validate-locator-indexed", "tei_edition/validation.py",
          "found = self._by_line_name.get((line, name), [])",
          "found = [el for el in self.tree.iter(etree.Element) if el.sourceline == line "
          "and etree.QName(el).localname == name]",
          S + "test_locating_problems_is_linear_even_on_one_line"),
    guard("validate-schematron-wildcards-linear", "tei_edition/validation.py",
          'template.set("match", match + "[true()]")', "pass",
          S + "test_validate_articles_without_ids_is_linear"),
    guard("validate-schematron-locations-by-number", "tei_edition/validation.py",
          'node = {"*": ".", "@*": ".."}.get(template.get("match"))', "node = None",
          S + "test_validate_30000_schematron_errors_is_linear"),
    # ---------------------------------------------------------------- stylesheets
    guard("xslt-access-control", "tei_edition/transform.py",
          "NO_ACCESS = etree.XSLTAccessControl.DENY_ALL", "NO_ACCESS = etree.XSLTAccessControl()",
          X + "test_xslt_access_control_denies_document_inside_the_stylesheet_folder",
          why="allow-all: the stylesheet reads a file"),
    guard("xslt-resolver-confines", "tei_edition/transform.py",
          "if self.root in target.parents or target == self.root:", "if True:",
          X + "test_stylesheet_imports_from_outside_the_folder_are_refused",
          why="any path passes"),
    guard("xslt-element-number-correct", "tei_edition/transform.py",
          'return float(cached[1].get(node, float("nan")))',
          'return float(cached[1].get(node, float("nan"))) + 1',
          X + "test_the_element_number_extension_agrees_with_xpath_counting"),
    guard("xslt-te-id-linear", "xslt/html.xsl",
          "<xsl:when test=\"function-available('tex:element-number')\">", '<xsl:when test="false()">',
          S + "test_30000_division_ids_cost_constant_time_each"),
    guard("xslt-safe-url", "xslt/html.xsl",
          "<xsl:when test=\"not(contains($u, ':')) and not(starts-with($u, '//')) and "
          "not(contains($u, '\\'))\"><xsl:value-of select=\"$u\"/></xsl:when>",
          '<xsl:otherwise><xsl:value-of select="$u"/></xsl:otherwise>',
          X + "test_hostile_urls_reach_nothing_in_html_validate_and_pdf",
          why="javascript:, data:, file: and //host targets become links"),
    # ---------------------------------------------------------------- the TEI is the master
    guard("master-edited-is-kept", "tei_edition/encoder.py",
          "    if existing is not None and not existing.pristine and not force:", "    if False:",
          "tests/test_cli_encode.py::test_the_encoders_own_output_is_replaced_but_an_edited_one_is_not",
          "tests/test_build.py::test_an_edited_tei_whose_source_changed_stops_that_page_and_keeps_both"),
    guard("master-current-is-kept", "tei_edition/encoder.py",
          "        if existing.made_from(sha256(read_input(source)), sidecar_hash, profile_hash):",
          "        if False:",
          "tests/test_build.py::test_an_edited_tei_is_kept_even_when_the_build_forgot_what_it_made"),
    guard("profile-inside-the-sources", "tei_edition/ingest/sidecar.py",
          "    if not file.is_relative_to(inside):", "    if False:",
          "tests/test_paper_profile.py::test_a_build_reads_no_profile_outside_its_sources",
          why="a sidecar must not make the encoder read a file above the sources"),
    guard("profile-changes-reencode", "tei_edition/master.py",
          "                and self.profile_sha256 == profile_sha256)", "                )",
          "tests/test_paper_profile.py::test_the_tei_records_the_profile_and_a_changed_profile_reencodes_the_page"),
    guard("profile-is-an-input", "tei_edition/encoder.py",
          "    inputs += [profile] if profile else []", "    pass",
          "tests/test_paper_profile.py::test_encode_refuses_to_write_over_the_profile"),
    guard("master-fingerprint-checked", "tei_edition/master.py",
          "    return found is not None and fingerprint(data) == found.group(1).decode()",
          "    return found is not None",
          "tests/test_cli_encode.py::test_the_encoders_own_output_is_replaced_but_an_edited_one_is_not"),
    guard("master-backup-before-force", "tei_edition/encoder.py",
          "    kept = backup(target) if existing is not None and not existing.pristine else None",
          "    kept = None",
          "tests/test_cli_encode.py::test_force_replaces_an_edited_output_and_keeps_it_as_a_numbered_backup"),
    guard("encode-never-over-its-input", "tei_edition/encoder.py",
          "        if same_file(target, given):", "        if False:",
          "tests/test_cli_encode.py::test_output_equal_to_the_input_is_refused_and_the_source_kept",
          "tests/test_cli_encode.py::test_output_equal_to_the_sidecar_is_refused"),
    guard("encode-paragraph-an-xml-parser-reads", "tei_edition/encoder.py",
          "        if size > MAX_TEXT_BYTES:", "        if False:",
          "tests/test_encode_rules.py::test_a_paragraph_too_long_for_an_xml_parser_is_refused_with_its_line"),
    guard("encode-tei-size-readers-accept", "tei_edition/encoder.py",
          "    if len(data) > MAX_INPUT_BYTES:", "    if False:",
          "tests/test_encode_forms.py::test_a_tei_larger_than_the_toolkit_reads_is_refused_as_input"),
    guard("encode-tei-read-back", "tei_edition/encoder.py",
          "        parse_untrusted(data, name=name)", "        pass",
          "tests/test_encode_conventions.py::test_a_sidecar_value_too_long_to_read_back_is_refused_as_input"),
    Guard("schematron-copyof-order-linear", "tei_edition/schema/tei_newspaper.sch", (
        ("test=\"not($target) or (function-available('tex:element-number') and",
         "test=\"not($target) or (false() and"),
        ("or (not(function-available('tex:element-number')) and", "or (true() and")),
        ("tests/test_encode_scale.py::test_validating_four_times_the_repeats_does_not_take_eight_times_as_long",),
        why="the portable count(preceding::*) walks the page once per repeat", timeout=120),
    guard("clock-source-date-epoch", "tei_edition/clock.py",
          'if re.fullmatch(r"[0-9]{1,12}", text) and int(text) <= MAX_SOURCE_DATE_EPOCH:',
          "if text.isdigit():",
          "tests/test_encode_rules.py::test_a_malformed_source_date_epoch_is_an_input_error",
          "tests/test_pdf.py::test_bad_source_date_epoch_is_one_input_error",
          H + "test_source_date_epoch_in_milliseconds"),
    # ---------------------------------------------------------------- the reader's page
    guard("html-bibtex-braces", "xslt/html.xsl",
          "'{', '\\textbraceleft '), '}', '\\textbraceright ')", "'{', '\\{'), '}', '\\}')",
          "tests/test_html.py::test_bibtex_and_ris_downloads_parse"),
    guard("html-dark-on-accent", "xslt/assets/edition.css",
          "--on-accent: #171614;", "--on-accent: #fff;",
          "tests/test_browser.py::test_axe_finds_no_violations_in_light_and_dark"),
    guard("html-headline-keep-all", "xslt/assets/edition.css",
          "  word-break: keep-all; overflow-wrap: break-word; text-wrap: balance;",
          "  overflow-wrap: break-word; text-wrap: balance;",
          "tests/test_browser.py::test_headlines_break_between_words_at_every_width"),
    guard("headline-short-line-held", "tei_edition/phrases.py",
          "                held.add(space)", "                pass",
          "tests/test_html.py::test_a_space_that_would_leave_a_short_line_does_not_break"),
    guard("licence-statement-closed", "xslt/html.xsl",
          '<details class="te-licence-statement">', '<details class="te-licence-statement" open="open">',
          "tests/test_html.py::test_the_licence_stands_once_in_the_colophon"),
    guard("cite-url-only-over-http", "xslt/assets/edition.js",
          "  if (/^https?:$/.test(location.protocol)) {", "  if (true) {",
          "tests/test_browser.py::test_citations_never_name_a_file_address"),
    guard("pdf-columns-balanced", "tei_edition/pdf.py",
          "                balance_columns(document)\n", "                pass\n",
          "tests/test_pdf_newspaper.py::test_each_articles_columns_are_balanced"),
    guard("pdf-columns-model-agrees", "tei_edition/pdf.py",
          "        if abs(measured - modelled) > 0.5:", "        if False:",
          "tests/test_pdf_newspaper.py::test_columns_stay_as_laid_out_where_the_layout_is_not_understood"),
    guard("pdf-columns-out-of-flow-stay", "tei_edition/pdf.py",
          "            raise _OutOfFlow\n", "            continue\n",
          "tests/test_pdf_newspaper.py::test_balance_leaves_columns_with_a_float_as_laid_out"),
    # ---------------------------------------------------------------- the build
    guard("build-workers-take-the-builds-clock", "tei_edition/tasks.py",
          "        with build_clock(job.epoch):\n            _page(job, result)",
          "        with build_clock(__import__('os').environ.get('SOURCE_DATE_EPOCH')):\n            _page(job, result)",
          "tests/test_build.py::test_worker_processes_date_their_outputs_by_the_builds_clock"),
    guard("build-dask-one-thread-per-worker", "tei_edition/parallel.py",
          "        if threaded:", "        if False:",
          "tests/test_build_archive.py::test_a_dask_cluster_of_threaded_workers_is_refused_before_any_work"),
    guard("build-dask-whole-paths", "tei_edition/build.py",
          "        sources, out_dir = sources.absolute(), out_dir.absolute()", "        pass",
          "tests/test_build_archive.py::test_a_dask_build_with_relative_paths_works_wherever_its_workers_stand"),
    guard("build-workers-end-with-the-build", "tei_edition/parallel.py",
          "    watch_build(build_pid)\n", "    pass\n",
          "tests/test_build.py::test_a_killed_build_leaves_no_worker_running"),
    guard("build-validates", "tei_edition/tasks.py",
          "    if job.validated != result.tei_digest:", "    if False:",
          "tests/test_build.py::test_an_invalid_edited_tei_fails_its_page_and_no_other"),
    guard("build-lock", "tei_edition/build.py",
          "            fcntl.flock(self.handle, fcntl.LOCK_EX | fcntl.LOCK_NB)", "            pass",
          "tests/test_build.py::test_a_second_build_on_the_same_folder_is_refused"),
    guard("build-clears-leftovers", "tei_edition/build.py",
          '            for leftover in folder.rglob(".*.part"):', "            for leftover in []:",
          "tests/test_build.py::test_what_a_killed_build_left_half_written_is_cleared"),
    guard("build-clears-issue-folders", "tei_edition/build.py",
          '        for leftover in work.glob(".issue-*"):', "        for leftover in []:",
          "tests/test_build.py::test_what_a_killed_build_left_half_written_is_cleared"),
    guard("build-clears-bag-staging", "tei_edition/build.py",
          '        for leftover in bags.glob(".*.building-*"):', "        for leftover in []:",
          "tests/test_build.py::test_what_a_killed_build_left_half_written_is_cleared"),
    guard("build-waits-for-earlier-workers", "tei_edition/build.py",
          "                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)\n", "",
          "tests/test_build.py::test_a_build_waits_for_the_workers_of_a_killed_build"),
    guard("build-workers-join-the-build", "tei_edition/parallel.py",
          "        join_build(workers_lock)\n", "        pass\n",
          "tests/test_build.py::test_pool_workers_hold_the_workers_lock_while_they_live"),
    guard("build-clears-html-leftovers", "tei_edition/build.py",
          'out_dir / "tei", out_dir / "html", out_dir / "pdf"', 'out_dir / "tei", out_dir / "pdf"',
          "tests/test_build.py::test_what_a_killed_build_left_half_written_is_cleared"),
    guard("build-failed-encode-is-retried", "tei_edition/build.py",
          "    if result.encoded is not None:\n", "    if True:\n",
          "tests/test_build.py::test_a_page_whose_text_failed_is_tried_again"),
    # ---------------------------------------------------------------- the site
    guard("site-url-no-scheme", "tei_edition/site.py",
          'if not url or ":" in url or', "if not url or",
          X + "test_graphic_urls_copy_only_plain_paths_beside_the_tei"),
    guard("site-url-not-absolute", "tei_edition/site.py",
          ' or url.startswith(("/", "\\\\")) or', " or",
          X + "test_graphic_urls_copy_only_plain_paths_beside_the_tei",
          why="an absolute URL is 'copied' onto itself: a write outside the site"),
    guard("site-url-no-backslash", "tei_edition/site.py",
          ' or "\\\\" in url:', ":",
          X + "test_graphic_urls_copy_only_plain_paths_beside_the_tei"),
    guard("site-url-no-dotdot", "tei_edition/site.py",
          '            if ".." in parts:\n                continue\n', "",
          X + "test_graphic_urls_copy_only_plain_paths_beside_the_tei",
          why="img/../x.png is written to media/NAME/img/../x.png: out of its folder"),
    guard("site-url-stays-inside", "tei_edition/site.py",
          "if base not in source.parents or not source.is_file():", "if not source.is_file():",
          X + "test_graphic_urls_copy_only_plain_paths_beside_the_tei",
          why="a symlink beside the TEI leads out: the secret is read"),
    guard("site-non-utf8-names", "tei_edition/site.py",
          "    if _NOT_UTF8.search(name):", "    if False:",
          H + "test_html_refuses_a_non_utf8_file_name_with_a_hint",
          "tests/test_site.py::test_a_page_the_site_cannot_name_is_reported_and_the_rest_built"),
    guard("site-long-names", "tei_edition/site.py",
          'if any(len(os.fsencode(f".{part}.html.12345678.part")) > 255 for part in name.split("/")):',
          "if False:",
          H + "test_html_refuses_a_name_too_long_for_a_page"),
    guard("site-inputs-outside-output", "tei_edition/site.py",
          "if target == path.resolve() or target in path.resolve().parents:", "if False:",
          H + "test_html_refuses_inputs_inside_the_site_it_replaces"),
    guard("site-lock", "tei_edition/site.py",
          "            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)\n", "            pass\n",
          H + "test_a_second_build_of_the_same_site_stops_at_once"),
    guard("site-removes-leftovers", "tei_edition/site.py",
          '        _remove_leftovers(target, "building")\n', "",
          H + "test_a_killed_build_leaves_nothing_the_next_build_does_not_remove"),
    guard("site-strips-fetching-instructions", "tei_edition/site.py",
          "removed = [_show_pi(node) for node in (*before, *after) if not _harmless(node)]",
          "removed = []",
          H + "test_the_published_tei_loses_an_xml_stylesheet_pointing_at_the_network"),
    guard("site-xml-model-only-relative", "tei_edition/site.py",
          'return bool(href) and not urlsplit(href).scheme and not href.startswith(("/", "\\\\"))',
          "return True",
          H + "test_the_published_tei_loses_an_xml_stylesheet_pointing_at_the_network"),
    guard("site-refuses-foreign-directory", "tei_edition/site.py",
          "if any(out_dir.iterdir()) and not (out_dir / MARKER).exists():", "if False:",
          "tests/test_site.py::test_refuses_to_replace_a_foreign_directory"),
    guard("site-refuses-cwd", "tei_edition/site.py",
          "if target.parent == target or target == Path.cwd().resolve():", "if False:",
          "tests/test_site.py::test_refuses_the_current_directory"),
    Guard("site-staging-swap", "tei_edition/site.py", (
        ("            report = _Site(staging, _MemoryState(staging), issues, {p.name: p for p in pages},\n",
         "            shutil.rmtree(target, ignore_errors=True)\n"
         "            report = _Site(target, _MemoryState(target), issues, {p.name: p for p in pages},\n"),
        ("            _swap_into_place(staging, target)\n", "")),
        ("tests/test_site.py::test_a_failure_late_in_a_build_leaves_the_old_site",),
        why="the site is built in place: a failure leaves half a site"),
    guard("site-arguments-in-name-order", "tei_edition/site.py",
          "pages = sorted(_read_pages([Path(p) for p in tei_paths], target), key=lambda p: p.name)",
          "pages = _read_pages([Path(p) for p in tei_paths], target)",
          "tests/test_site.py::test_the_same_inputs_give_the_same_site_byte_for_byte",
          why="an issue takes its paper's English name from its first page: argument order leaks"),
    guard("site-names-it-cannot-use", "tei_edition/site.py",
          'if name in _RESERVED or ("/" in name and first in _RESERVED_FOLDERS):', "if False:",
          "tests/test_site.py::test_a_page_the_site_cannot_name_is_reported_and_the_rest_built"),
    guard("site-article-permalink-collision", "tei_edition/site.py",
          "                other = owners.get(f\"{plan.page.name}/{article_id}.html\")\n"
          "                if other is not None:\n",
          "                other = owners.get(f\"{plan.page.name}/{article_id}.html\")\n"
          "                if False:\n",
          "tests/test_site.py::test_a_page_the_site_cannot_name_is_reported_and_the_rest_built",
          why="a page's file and another page's article page are one file: the last one wins"),
    guard("site-publishes-only-the-validated-tei", "tei_edition/site.py",
          "if sha256(data) != page.digest:", "if False:",
          "tests/test_site.py::test_a_tei_changed_after_validation_is_not_published"),
    guard("site-removes-pages-that-left", "tei_edition/site.py",
          "                continue          # an image of a page not made again this time: still named\n"
          "            self._remove(relative)\n",
          "                continue          # an image of a page not made again this time: still named\n",
          "tests/test_site.py::test_a_page_that_leaves_the_archive_takes_its_files_and_its_links_along"),
    guard("site-replaces-an-older-whole-site", "tei_edition/site.py",
          "if self.first and (self.dir / MARKER).exists():", "if False:",
          "tests/test_site.py::test_an_older_whole_site_is_replaced_file_by_file"),
    guard("site-unchanged-files-keep-their-time", "tei_edition/site.py",
          "        if same:\n            self.record(relative, inputs)\n",
          "        if False:\n            self.record(relative, inputs)\n",
          "tests/test_site.py::test_one_changed_page_remakes_its_files_and_the_shards_holding_its_text_only"),
    guard("search-patch-takes-old-entries-out", "tei_edition/site.py",
          'entries = [e for e in entries if e.split(":", 1)[0] not in held]', "pass",
          "tests/test_site.py::test_one_changed_page_remakes_its_files_and_the_shards_holding_its_text_only",
          "tests/test_site.py::test_a_page_that_leaves_the_archive_takes_its_files_and_its_links_along"),
    guard("search-skips-pages-not-made", "tei_edition/site.py",
          "                      if name not in self.site.failed or self.site.path(self.page_file(plan)).exists()}",
          "                      if True}",
          "tests/test_site.py::test_a_tei_changed_after_validation_is_not_published",
          why="a new page that failed has no search text: the whole site stage fails on it"),
    guard("search-text-recorded-after-the-shards", "tei_edition/site.py",
          "        self.pending.append((relative, inputs))\n",
          "        self.site.record(relative, inputs)\n",
          "tests/test_site.py::test_a_build_interrupted_before_the_shards_leaves_nothing_stale"),
    guard("search-folds-traditional-to-simplified", "tei_edition/site.py",
          "value = simplified_table().get(lower, lower)", "value = lower",
          "tests/test_site.py::test_folding_traditional_simplified_full_width_and_case",
          "tests/test_site.py::test_the_index_finds_simplified_text_by_a_traditional_query_and_the_reverse"),
    # ---------------------------------------------------------------- the schema (read-only here)
    guard("schematron-copyof-type", "tei_edition/schema/tei_newspaper.sch",
          " and string($target/@type) = string(@type)", "",
          "tests/test_validate.py::test_rules_not_in_the_fault_list_fire_too"),
]


# --------------------------------------------------------------------------- machinery

def copy_repository(destination: Path) -> Path:
    def ignore(directory, names):
        return [n for n in names if n in SKIP or n.endswith(".pyc")]
    shutil.copytree(ROOT, destination, ignore=ignore, symlinks=True)
    return destination


def apply(row: Guard, copy: Path) -> None:
    path = copy / row.file
    text = path.read_text(encoding="utf-8")
    for original, replacement in row.edits:
        count = text.count(original)
        assert count == 1, f"{row.id}: the snippet occurs {count} times in {row.file}: {original!r}"
        text = text.replace(original, replacement)
    path.write_text(text, encoding="utf-8")


_DRIVER = """
import sys, tei_edition
copy = sys.argv[1]
assert tei_edition.__file__.startswith(copy + "/"), ("imported from", tei_edition.__file__)
import pytest
sys.exit(pytest.main(sys.argv[2:]))
"""


def run_tests(copy: Path, tests, timeout: int = ROW_TIMEOUT) -> tuple[int, str]:
    """Run TESTS in COPY: returns pytest's exit code and its report."""
    env = {**os.environ, "PYTHONPATH": str(copy), "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("PYTEST_ADDOPTS", None)
    argv = [sys.executable, "-c", _DRIVER, str(copy), "-q", "-rfEX", "--tb=line",
            "-p", "no:cacheprovider", "-o", "addopts=--strict-markers", *tests]
    try:
        proc = subprocess.run(argv, cwd=copy, env=env, capture_output=True, text=True,
                              timeout=timeout)
    except subprocess.TimeoutExpired:
        return -1, f"timed out after {timeout} s (the guard's absence made a test hang)"
    return proc.returncode, proc.stdout + proc.stderr


def failed_ids(report: str) -> list[str]:
    return re.findall(r"^(?:FAILED|ERROR) (\S+)", report, flags=re.M)


def check_row(row: Guard) -> str | None:
    """None when every named test fails with the guard removed; else what went wrong."""
    with tempfile.TemporaryDirectory(prefix=f"guard-{row.id}-") as tmp:
        copy = copy_repository(Path(tmp) / "repo")
        apply(row, copy)
        code, report = run_tests(copy, row.tests, row.timeout)
    if code == -1:
        return None
    if "imported from" in report:
        return f"the copy was not what got imported:\n{report[-2000:]}"
    failed = failed_ids(report)
    survivors = [t for t in row.tests if not any(f == t or f.startswith(t + "[") for f in failed)]
    if survivors or code == 0:
        return (f"with guard {row.id} removed these tests still pass: {survivors or row.tests}\n"
                f"{report[-3000:]}")
    return None


# --------------------------------------------------------------------------- the tests

def test_the_table_is_well_formed():
    ids = [row.id for row in GUARDS]
    assert len(ids) == len(set(ids)), "guard ids must be unique"
    for row in GUARDS:
        text = (ROOT / row.file).read_text(encoding="utf-8")
        for original, _ in row.edits:
            assert text.count(original) == 1, (row.id, original)
        assert row.tests, row.id


def test_every_named_test_passes_unmutated(tmp_path):
    copy = copy_repository(tmp_path / "repo")
    tests = sorted({t for row in GUARDS for t in row.tests})
    code, report = run_tests(copy, tests)
    assert "imported from" not in report, report[-2000:]
    assert code == 0, report[-5000:]


@pytest.fixture(scope="module")
def results(request):
    """Check the selected rows two at a time (the machine has two cores)."""
    selected = [item.callspec.params["row"] for item in request.session.items
                if getattr(item, "callspec", None) and "row" in item.callspec.params
                and item.module is sys.modules[__name__]]
    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip([r.id for r in selected], pool.map(check_row, selected)))


@pytest.mark.parametrize("row", GUARDS, ids=[row.id for row in GUARDS])
def test_removing_the_guard_fails_its_tests(row, results):
    problem = results.get(row.id, "not run")
    assert problem is None, problem
