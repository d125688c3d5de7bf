using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace LlamaCloud.Chat.Analytics
{
    /// <summary>
    /// <c>manifest.json</c> of a table folder: the schema version, the file format, each table's columns (name, DuckDB
    /// type, meaning) and row count, and per session where its rows came from (source, last_updated_at) and how many it
    /// has. Written last, beside itself and renamed into place, only after the files it lists are in place: a run killed
    /// at any moment leaves a manifest that names no file that is not complete, and the next run rewrites every session
    /// the manifest does not vouch for.
    /// </summary>
    internal sealed class TableManifest
    {
        internal const string FileName = "manifest.json";
        internal const string FormatName = "LlamaCloud.Chat tables";
        private readonly SortedDictionary<string, TableManifestEntry> _entries = new SortedDictionary<string, TableManifestEntry>(StringComparer.Ordinal);

        /// <summary>The file format's name (parquet, ndjson, csv) the folder was written in; null for a new folder.</summary>
        internal string? FileFormat { get; set; }

        /// <summary>The schema version the folder was written under; 0 for a new folder.</summary>
        internal int SchemaVersion { get; set; }

        /// <summary>How the rows were redacted: null for none (raw), else the run's <c>TextRedactor.SettingsCheck</c>.</summary>
        internal string? Redaction { get; set; }

        internal bool Dirty { get; private set; }

        internal IEnumerable<TableManifestEntry> Entries => _entries.Values;

        internal int Count => _entries.Count;

        internal TableManifestEntry? Get(string sessionId) => _entries.TryGetValue(sessionId, out var e) ? e : null;

        internal void Set(TableManifestEntry entry)
        {
            _entries[entry.SessionId] = entry;
            Dirty = true;
        }

        /// <summary>Forgets every session (a folder of another schema version is rewritten whole).</summary>
        internal void Clear()
        {
            _entries.Clear();
            Dirty = true;
        }

        /// <summary>Rows in a table, over all sessions.</summary>
        internal long RowsOf(int table)
        {
            long n = 0;
            foreach (var e in _entries.Values) n += e.Rows[table];
            return n;
        }

        /// <summary>The folder's manifest; empty when there is none. Throws <see cref="InvalidDataException"/> when it cannot be read.</summary>
        internal static TableManifest Load(string folder)
        {
            var manifest = new TableManifest();
            var path = Path.Combine(folder, FileName);
            if (!File.Exists(path)) return manifest;
            try
            {
                using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String || format.GetString() != FormatName)
                    throw new InvalidDataException(Messages.NotAManifest(FormatName));
                manifest.SchemaVersion = root.TryGetProperty("schema_version", out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : 0;
                manifest.FileFormat = root.TryGetProperty("file_format", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
                manifest.Redaction = root.TryGetProperty("redaction", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
                if (root.TryGetProperty("sessions", out var sessions) && sessions.ValueKind == JsonValueKind.Array)
                {
                    foreach (var s in sessions.EnumerateArray())
                    {
                        var id = Str(s, "session_id");
                        var stem = Str(s, "file");
                        if (id == null || stem == null) continue;
                        var entry = new TableManifestEntry(id, stem)
                        {
                            LastUpdatedAt = Str(s, "last_updated_at"),
                            Source = Str(s, "source"),
                            SourceLength = Long(s, "source_length"),
                            SourceWriteTicks = Long(s, "source_write_ticks"),
                        };
                        if (s.TryGetProperty("rows", out var rows) && rows.ValueKind == JsonValueKind.Object)
                        {
                            for (var i = 0; i < TableSchemas.All.Count; i++) entry.Rows[i] = Long(rows, TableSchemas.All[i].Name) ?? 0;
                        }
                        manifest._entries[id] = entry;
                    }
                }
            }
            catch (Exception ex) when (ex is JsonException || ex is InvalidOperationException || ex is FormatException)
            {
                throw new InvalidDataException(Messages.ManifestUnreadable(path, ex.Message), ex);
            }
            return manifest;
        }

        private static string? Str(JsonElement e, string name) =>
            e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

        private static long? Long(JsonElement e, string name) =>
            e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : (long?)null;

        /// <summary>Writes the manifest beside itself, then renames it into place.</summary>
        internal void Save(TableFolder folder, string moduleVersion)
        {
            var path = Path.Combine(folder.Path, FileName);
            var temp = TableFolder.TempFor(path);
            try
            {
                using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
                    {
                        WriteTo(w, folder, moduleVersion);
                    }
                    stream.Flush(true);
                }
                folder.Replace(temp, path);
                Dirty = false;
            }
            catch
            {
                folder.TryDelete(temp);
                throw;
            }
        }

        private void WriteTo(Utf8JsonWriter w, TableFolder folder, string moduleVersion)
        {
            w.WriteStartObject();
            w.WriteString("format", FormatName);
            w.WriteNumber("schema_version", TableSchemas.Version);
            w.WriteString("file_format", FileFormat);
            w.WriteString("extension", folder.Format.Extension);
            w.WriteString("partitioning", "session");
            if (Redaction == null) w.WriteNull("redaction");
            else w.WriteString("redaction", Redaction);
            w.WriteString("written_by", "LlamaCloud.Chat " + moduleVersion);
            w.WriteString("updated_at", TableText.Timestamp(DateTime.UtcNow));
            w.WriteStartArray("sources");
            var sources = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var e in _entries.Values) if (e.Source != null) sources.Add(e.Source);
            foreach (var s in sources) w.WriteStringValue(s);
            w.WriteEndArray();
            w.WriteStartArray("tables");
            for (var i = 0; i < TableSchemas.All.Count; i++)
            {
                var table = TableSchemas.All[i];
                w.WriteStartObject();
                w.WriteString("name", table.Name);
                w.WriteString("files", table.Name + "/*" + folder.Format.Extension);
                w.WriteNumber("rows", RowsOf(i));
                w.WriteStartArray("columns");
                foreach (var c in table.Columns)
                {
                    w.WriteStartObject();
                    w.WriteString("name", c.Name);
                    w.WriteString("type", c.SqlType);
                    w.WriteString("description", c.Description);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("sessions");
            foreach (var e in _entries.Values)
            {
                w.WriteStartObject();
                w.WriteString("session_id", e.SessionId);
                w.WriteString("file", e.Stem);
                if (e.LastUpdatedAt == null) w.WriteNull("last_updated_at");
                else w.WriteString("last_updated_at", e.LastUpdatedAt);
                if (e.Source == null) w.WriteNull("source");
                else w.WriteString("source", e.Source);
                if (e.SourceLength != null) w.WriteNumber("source_length", e.SourceLength.Value);
                if (e.SourceWriteTicks != null) w.WriteNumber("source_write_ticks", e.SourceWriteTicks.Value);
                w.WriteStartObject("rows");
                for (var i = 0; i < TableSchemas.All.Count; i++) w.WriteNumber(TableSchemas.All[i].Name, e.Rows[i]);
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
    }
}
