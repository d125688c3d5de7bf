using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace LlamaCloud.Chat.Archive
{
    /// <summary>
    /// What Sync-LlamaChatArchive knows about an archive folder: per session, its file and the last_updated_at of the
    /// copy in it. Stored as <c>.llama-archive.index</c> (JSON, sessions sorted by id, nothing run-specific, so equal
    /// archives have equal indexes), replaced in one rename and only after the files it lists are in place. It is a
    /// cache, never the only truth: a file in the folder that the index does not know (a run killed after the rename,
    /// an earlier Export) is read to learn its timestamp instead of being fetched again.
    /// </summary>
    internal sealed class ArchiveIndex
    {
        internal const string FileName = ".llama-archive.index";
        private const int Version = 1;
        private readonly SortedDictionary<string, ArchiveEntry> _entries = new SortedDictionary<string, ArchiveEntry>(StringComparer.Ordinal);

        /// <summary>True when entries changed since loading or saving.</summary>
        internal bool Dirty { get; private set; }

        internal IEnumerable<string> Ids => _entries.Keys;

        internal ArchiveEntry? Get(string id) => _entries.TryGetValue(id, out var e) ? e : null;

        internal void Set(string id, ArchiveEntry entry)
        {
            if (_entries.TryGetValue(id, out var old) && old.Equals(entry)) return;
            _entries[id] = entry;
            Dirty = true;
        }

        /// <summary>The folder's index; empty when there is none, and (with a warning) when it cannot be read.</summary>
        internal static ArchiveIndex Load(string folder, Action<string> warn)
        {
            var index = new ArchiveIndex();
            var path = Path.Combine(folder, FileName);
            if (!File.Exists(path)) return index;
            try
            {
                var r = new Utf8JsonReader(File.ReadAllBytes(path));
                Expect(r.Read() && r.TokenType == JsonTokenType.StartObject);
                while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
                {
                    var name = r.GetString();
                    r.Read();
                    if (name == "sessions" && r.TokenType == JsonTokenType.StartArray)
                    {
                        while (r.Read() && r.TokenType == JsonTokenType.StartObject)
                        {
                            string? id = null, file = null, stamp = null;
                            long length = -1;
                            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
                            {
                                var field = r.GetString();
                                r.Read();
                                switch (field)
                                {
                                    case "session_id": id = r.TokenType == JsonTokenType.String ? r.GetString() : null; break;
                                    case "file": file = r.TokenType == JsonTokenType.String ? r.GetString() : null; break;
                                    case "last_updated_at": stamp = r.TokenType == JsonTokenType.String ? r.GetString() : null; break;
                                    case "length": length = r.TokenType == JsonTokenType.Number ? r.GetInt64() : -1; break;
                                    default: r.Skip(); break;
                                }
                            }
                            if (id != null && file != null) index._entries[id] = new ArchiveEntry(file, stamp, length);
                        }
                    }
                    else r.Skip();
                }
            }
            catch (Exception ex) when (ex is JsonException || ex is IOException || ex is UnauthorizedAccessException || ex is InvalidOperationException || ex is FormatException)
            {
                warn(Messages.IndexUnreadable(path, ex.Message));
                index._entries.Clear();
            }
            return index;
        }

        private static void Expect(bool condition)
        {
            if (!condition) throw new FormatException(Messages.IndexNotAnObject());
        }

        /// <summary>Writes the index beside itself, then renames it into place.</summary>
        internal void Save(string folder)
        {
            var path = Path.Combine(folder, FileName);
            var temp = Path.Combine(folder, "." + FileName.TrimStart('.') + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp");
            try
            {
                using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
                    {
                        w.WriteStartObject();
                        w.WriteString("format", "LlamaCloud.Chat archive index");
                        w.WriteNumber("version", Version);
                        w.WriteStartArray("sessions");
                        foreach (var kv in _entries)
                        {
                            w.WriteStartObject();
                            w.WriteString("session_id", kv.Key);
                            w.WriteString("file", kv.Value.File);
                            if (kv.Value.LastUpdatedAt == null) w.WriteNull("last_updated_at");
                            else w.WriteString("last_updated_at", kv.Value.LastUpdatedAt);
                            w.WriteNumber("length", kv.Value.Length);
                            w.WriteEndObject();
                        }
                        w.WriteEndArray();
                        w.WriteEndObject();
                    }
                    stream.Flush(true);
                }
                SessionFileWriter.Replace(temp, path);
                Dirty = false;
            }
            catch
            {
                SessionFileWriter.TryDelete(temp);
                throw;
            }
        }
    }
}
