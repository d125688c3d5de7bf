using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;

using LlamaCloud.Chat.Serialization;

namespace LlamaCloud.Chat.Analytics
{
    /// <summary>
    /// The four table files of one session, written as its events and turns stream past (never held), each into a
    /// temporary file beside its target. <see cref="Commit"/> renames them into place; <see cref="Discard"/> deletes them.
    /// Until then the tables hold the session's previous files, if any.
    /// </summary>
    internal sealed class SessionTableWriter : IDisposable
    {
        private const int FileBuffer = 64 * 1024;
        private readonly TableFolder _folder;
        private readonly string _sessionId;
        private readonly TableRowWriter[] _writers = new TableRowWriter[4];
        private readonly string[] _temps = new string[4];
        private readonly string[] _targets = new string[4];
        private readonly SessionTotals _totals = new SessionTotals();
        private bool _completed;

        internal SessionTableWriter(TableFolder folder, string sessionId, ITableTextFilter? filter)
        {
            _folder = folder;
            _sessionId = sessionId;
            Stem = folder.StemFor(sessionId);
            try
            {
                for (var i = 0; i < 4; i++)
                {
                    var table = TableSchemas.All[i];
                    _targets[i] = folder.FileFor(table, Stem);
                    _temps[i] = TableFolder.TempFor(_targets[i]);
                    var stream = new FileStream(_temps[i], FileMode.CreateNew, FileAccess.Write, FileShare.None, FileBuffer);
                    _writers[i] = new TableRowWriter(folder.Format.Create(stream, table), table, filter);
                }
            }
            catch
            {
                Discard();
                throw;
            }
        }

        /// <summary>The session's file name in every table folder, without the extension.</summary>
        internal string Stem { get; }

        internal SessionTotals Totals => _totals;

        /// <summary>Rows per table (sessions, turns, events, tool_calls), once completed.</summary>
        internal long[] Rows
        {
            get
            {
                var rows = new long[4];
                for (var i = 0; i < 4; i++) rows[i] = _writers[i]?.Rows ?? 0;
                return rows;
            }
        }

        internal void AddEvent(ChatEvent e, int turn)
        {
            _totals.AddEvent();
            var w = _writers[2];
            w.Text(_sessionId);
            w.Int32(e.Index);
            w.Int32(turn);
            w.Text(e.Type);
            w.Text((e as ContentEvent)?.Content);
            switch (e)
            {
                case ToolCallEvent c:
                    w.Text(c.Name);
                    w.Text(c.CallId);
                    w.Text(c.ArgumentsJson);
                    break;
                case ToolResultEvent r:
                    w.Text(r.Name);
                    w.Text(r.CallId);
                    w.Text(r.ResultJson);
                    break;
                case UnknownEvent u:
                    w.Text(null);
                    w.Text(null);
                    w.Text(u.RawJson);
                    break;
                default:
                    w.Text(null);
                    w.Text(null);
                    w.Text(null);
                    break;
            }
            var stop = e as StopEvent;
            w.Boolean(stop?.IsError);
            w.Text(stop?.Error);
            w.Int64(stop?.Usage?.TotalInputTokens);
            w.Int64(stop?.Usage?.TotalOutputTokens);
            w.Double(stop?.Usage?.DurationMs);
            w.EndRow();
        }

        internal void AddTurn(ChatTurn t)
        {
            var calls = _writers[3];
            var errors = 0;
            foreach (var c in t.ToolCalls)
            {
                var failed = ToolResults.IsError(c.ResultJson);
                if (failed) errors++;
                calls.Text(_sessionId);
                calls.Int32(t.Number);
                calls.Text(c.CallId);
                calls.Text(c.Name);
                calls.Int32(c.CallIndex);
                calls.Int32(c.ResultIndex);
                calls.Boolean(c.HasResult);
                calls.Boolean(failed);
                calls.Text(c.ArgumentsJson);
                calls.Text(c.ResultJson);
                calls.EndRow();
            }
            _totals.AddTurn(t, errors);
            var w = _writers[1];
            w.Text(_sessionId);
            w.Int32(t.Number);
            w.Int32(t.FirstIndex);
            w.Int32(t.LastIndex);
            w.Int32(t.EventCount);
            w.Text(t.Prompt);
            w.Text(t.Answer);
            w.Text(t.Thinking);
            w.Int32(t.ToolCalls.Count);
            w.Int32(errors);
            w.Int64(t.Usage?.TotalInputTokens);
            w.Int64(t.Usage?.TotalOutputTokens);
            w.Double(t.Usage?.DurationMs);
            w.Int32(t.Usage?.Turns);
            w.Boolean(t.IsError);
            w.Text(t.Error);
            w.Boolean(t.IsComplete);
            w.EndRow();
        }

        /// <summary>Writes the session's row (<paramref name="session"/>: its fields, when known) and finishes every file.</summary>
        internal void Complete(ChatSession? session)
        {
            var w = _writers[0];
            w.Text(_sessionId);
            w.Timestamp(session?.LastUpdatedAtText != null ? session.LastUpdatedAt : (DateTime?)null);
            w.Text(session?.GeneratedTitle);
            w.Text(IndexIdsJson(session?.IndexIds));
            w.Int64(_totals.Events);
            w.Int32(_totals.Turns);
            w.Int32(_totals.ErrorTurns);
            w.Int64(_totals.InputTokens);
            w.Int64(_totals.OutputTokens);
            w.Double(_totals.DurationMs);
            w.Int32(_totals.ToolCalls);
            w.Int32(_totals.ToolErrors);
            var job = session?.JobMetadata;
            w.Boolean(job?.IsError);
            w.Text(job?.Error);
            w.Int64(job?.TotalInputTokens);
            w.Int64(job?.TotalOutputTokens);
            w.EndRow();
            foreach (var writer in _writers) writer.Complete();
            foreach (var writer in _writers) writer.Dispose();
            _completed = true;
        }

        /// <summary>A JSON array of the ids (null for an unbound session), so engines can unnest it.</summary>
        internal static string? IndexIdsJson(IReadOnlyList<string>? ids)
        {
            if (ids == null) return null;
            using var ms = new MemoryStream();
            using (var j = new Utf8JsonWriter(ms, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                j.WriteStartArray();
                foreach (var id in ids) j.WriteStringValue(id);
                j.WriteEndArray();
            }
            return Encoding.UTF8.GetString(ms.ToArray());
        }

        /// <summary>Puts the completed files in place of the session's previous ones, table by table.</summary>
        internal void Commit()
        {
            if (!_completed) throw new InvalidOperationException(Messages.TablesIncomplete());
            for (var i = 0; i < 4; i++)
            {
                _folder.Replace(_temps[i], _targets[i]);
                _temps[i] = string.Empty;
            }
        }

        /// <summary>Deletes whatever was written; the previous files stay.</summary>
        internal void Discard()
        {
            foreach (var writer in _writers)
            {
                try { writer?.Dispose(); }
                catch (Exception ex) when (ex is IOException || ex is ObjectDisposedException || ex is InvalidOperationException) { }
            }
            foreach (var t in _temps)
            {
                if (!string.IsNullOrEmpty(t)) _folder.TryDelete(t);
            }
        }

        public void Dispose()
        {
            if (!_completed || Array.Exists(_temps, t => !string.IsNullOrEmpty(t))) Discard();
        }
    }
}
