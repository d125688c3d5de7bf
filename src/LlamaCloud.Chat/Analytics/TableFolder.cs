using System;
using System.IO;
using System.Text.RegularExpressions;

namespace LlamaCloud.Chat.Analytics
{
    /// <summary>
    /// The folder Export-LlamaChatTable writes: one subfolder per table (sessions, turns, events, tool_calls) holding one
    /// file per session, and the manifest beside them. Files are written under a temporary name beside their target and
    /// renamed into place; the caller supplies the file stem of a session id and the one-step replace (the archive's
    /// naming, rename and delete), so both folders follow one set of rules.
    /// </summary>
    internal sealed class TableFolder
    {
        // ".<stem><ext>.<8 hex>.tmp": hidden on Unix, never matched by *.parquet, recognisable as ours when a killed run left it.
        private static readonly Regex TempName = new Regex(@"^\..+\.(parquet|ndjson|csv|json)\.[0-9a-f]{8}\.tmp$", RegexOptions.CultureInvariant);
        private readonly Func<string, string> _stemFor;
        private readonly Action<string, string> _replace;
        private readonly Func<string, bool> _tryDelete;

        internal TableFolder(string path, ITableFileFormat format, Func<string, string> stemFor, Action<string, string> replace, Func<string, bool> tryDelete)
        {
            Path = path;
            Format = format;
            _stemFor = stemFor;
            _replace = replace;
            _tryDelete = tryDelete;
        }

        internal string Path { get; }

        internal ITableFileFormat Format { get; }

        /// <summary>The file stem of a session id (its archive file name without ".json").</summary>
        internal string StemFor(string sessionId) => _stemFor(sessionId);

        internal string TableDirectory(TableSchema table) => System.IO.Path.Combine(Path, table.Name);

        internal string FileFor(TableSchema table, string stem) => System.IO.Path.Combine(TableDirectory(table), stem + Format.Extension);

        /// <summary>A new temporary name beside <paramref name="target"/>.</summary>
        internal static string TempFor(string target) =>
            System.IO.Path.Combine(System.IO.Path.GetDirectoryName(target)!, "." + System.IO.Path.GetFileName(target) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp");

        /// <summary>Moves <paramref name="temp"/> onto <paramref name="target"/> in one step.</summary>
        internal void Replace(string temp, string target) => _replace(temp, target);

        internal void CreateDirectories()
        {
            foreach (var t in TableSchemas.All) Directory.CreateDirectory(TableDirectory(t));
        }

        /// <summary>Removes temporary files a killed run left. Only for a caller that holds the folder's lock.</summary>
        internal int RemoveLeftovers()
        {
            var removed = 0;
            foreach (var dir in new[] { Path, TableDirectory(TableSchemas.Sessions), TableDirectory(TableSchemas.Turns), TableDirectory(TableSchemas.Events), TableDirectory(TableSchemas.ToolCalls) })
            {
                if (!Directory.Exists(dir)) continue;
                foreach (var file in Directory.EnumerateFiles(dir, ".*.tmp"))
                {
                    if (!TempName.IsMatch(System.IO.Path.GetFileName(file))) continue;
                    if (TryDelete(file)) removed++;
                }
            }
            return removed;
        }

        /// <summary>Deletes a file if it is there; false when it was not, or could not be deleted.</summary>
        internal bool TryDelete(string path) => _tryDelete(path);
    }
}
