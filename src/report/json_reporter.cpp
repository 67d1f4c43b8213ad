#include "report/json_reporter.hpp"

#include "report/json_writer.hpp"

namespace zd {
namespace {

void write_position(JsonWriter& w, Position p) {
  w.begin_object().key("column").number(p.column).key("line").number(p.line).end_object();
}

std::string_view tri_name(Tri t) {
  switch (t) {
    case Tri::No: return "no";
    case Tri::Yes: return "yes";
    case Tri::Unknown: return "unknown";
  }
  return "unknown";
}

std::string_view blocks_name(Blocks b) {
  switch (b) {
    case Blocks::Nothing: return "nothing";
    case Blocks::DdlOnly: return "ddl";
    case Blocks::Writes: return "writes";
    case Blocks::ReadsAndWrites: return "reads-and-writes";
  }
  return "nothing";
}

void write_lock(JsonWriter& w, const LockSummary& lock) {
  w.begin_object().key("locks").begin_array();
  for (const auto& l : *lock.locks) {
    w.begin_object().key("blocks").value(blocks_name(blocks(l.mode)));
    if (l.description) w.key("description").value(*l.description);
    w.key("mode").value(lock_mode_name(l.mode)).key("relation");
    if (l.role == RelationRole::Unresolved) {
      w.null();
    } else {
      w.value(l.relation.display());
    }
    w.key("role").value(role_name(l.role)).end_object();
  }
  w.end_array().key("rewrite").value(tri_name(lock.rewrite));
  w.key("scan").value(tri_name(lock.scan)).end_object();
}

// Keys in alphabetical order, as version 1 of the format has always had them.
void write_finding(JsonWriter& w, const FileReport& r, const Finding& f) {
  w.begin_object().key("category").value(category_name(f.rule->category));
  w.key("end");
  write_position(w, f.end);
  w.key("file").value(r.path).key("fixes").begin_array();
  for (const Fix& fix : f.fixes) {
    w.begin_object().key("edits").begin_array();
    for (const Edit& e : fix.edits) {
      w.begin_object().key("end");
      write_position(w, r.source->position(e.span.end));
      w.key("replacement").value(e.replacement).key("start");
      write_position(w, r.source->position(e.span.begin));
      w.end_object();
    }
    w.end_array().key("safe").boolean(fix.safe).key("title").value(fix.title).end_object();
  }
  w.end_array().key("help").value(f.help.str()).key("lock");
  if (f.lock) {
    write_lock(w, *f.lock);
  } else {
    w.null();
  }
  w.key("message").value(f.message).key("rule").value(f.rule->id);
  w.key("severity").value(severity_name(f.severity)).key("start");
  write_position(w, f.start);
  w.key("suppressed").boolean(f.suppressed);
  if (f.suppressed) w.key("suppression_reason").value(f.suppression_reason.str());
  w.end_object();
}

}  // namespace

JsonReporter::JsonReporter(std::ostream& out, const LintOptions& options) : out_(out) {
  JsonWriter w;
  w.begin_object().key("settings").begin_object();
  w.key("assume_in_transaction").boolean(options.assume_in_transaction);
  w.key("pg_version").number(static_cast<uint64_t>(options.pg_version.major)).end_object();
  w.key("tool").begin_object().key("name").value("zerodown");
  w.key("version").value(kZerodownVersion).end_object();
  w.key("version").number(1);
  // The object stays open for the streamed findings.
  out_ << w.text() << ",\"findings\":[";
}

void JsonReporter::file(const FileReport& r) {
  // The entries are an array's elements: the writer puts the commas between them, but
  // not after those it no longer holds.
  if (any_spilled_ && files_.size() == 0) files_.raw(",");
  files_.begin_object().key("error");
  if (r.error) {
    files_.begin_object().key("column").number(r.error->position.column);
    files_.key("line").number(r.error->position.line);
    files_.key("message").value(r.error->message).end_object();
  } else {
    files_.null();
  }
  files_.key("path").value(r.path).key("statements").number(r.statements).end_object();
  // 5,000 files' entries took 1 MiB, the one part of the report that grew with the files.
  if (files_.size() >= kWriteAt && spilled_.append(files_.text())) {
    files_.clear();
    any_spilled_ = true;
  }

  for (const Finding& f : r.findings) {
    // Each finding on a line of its own: the separator is written here, not by the writer.
    findings_.raw(first_finding_ ? "\n" : ",\n");
    first_finding_ = false;
    write_finding(findings_, r, f);
    // A large file's findings go out in pieces: as one text they took as much memory as
    // the report itself (5.6 MB for the 20,000-statement file, 11 MB for the 5 MB one).
    if (findings_.size() >= kWriteAt) {
      out_ << findings_.text();
      findings_.clear();
    }
  }
  out_ << findings_.text();
  findings_.clear();
}

void JsonReporter::finish(const Totals& t) {
  JsonWriter w;
  w.begin_object().key("errors").number(t.errors).key("files").number(t.files);
  w.key("infos").number(t.infos).key("input_errors").number(t.input_errors.size());
  w.key("statements").number(t.statements).key("suppressed").number(t.suppressed);
  w.key("unreadable_files").number(t.unreadable_files).key("warnings").number(t.warnings);
  w.end_object();
  out_ << "\n],\"files\":[";
  spilled_.copy_to(out_);
  out_ << files_.text() << "],\"summary\":" << w.text() << "}\n";
}

}  // namespace zd
