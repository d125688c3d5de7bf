using System.IO;
using System.Management.Automation;
using System;
using LlamaCloud.Chat.Analytics;
using LlamaCloud.Chat.Api;
using LlamaCloud.Chat.Archive;
using LlamaCloud.Chat.Serialization;
using LlamaCloud.Chat.Turns;

namespace LlamaCloud.Chat.Commands
{
    /// <summary>
    /// Where one session's events and turns go for Export-LlamaChatTable: its four table files, written as they stream
    /// and put in place when the session was read to its end. A write failure is one error for this session (its previous
    /// rows stay); a read failure (written by the reader) discards what was written.
    /// </summary>
    internal sealed class SessionTableTarget : IEventTarget
    {
        private readonly ExportLlamaChatTableCommand _cmd;
        private readonly TableManifestEntry _entry;
        private readonly bool _isNew;
        private ChatSession? _session;
        private SessionTableWriter? _writer;
        private bool _failed;

        internal SessionTableTarget(ExportLlamaChatTableCommand cmd, TableManifestEntry entry, ChatSession? session, bool isNew)
        {
            _cmd = cmd;
            _entry = entry;
            _session = session;
            _isNew = isNew;
        }

        public void Begin(string sessionId, ChatSession? session)
        {
            if (session != null) _session = session;
            Guard(() => _writer = new SessionTableWriter(_cmd.Folder!, _entry.SessionId, _cmd.TextFilter));
        }

        public void AddEvent(ChatEvent e, int turn)
        {
            if (_writer != null && !_failed) Guard(() => _writer.AddEvent(e, turn));
        }

        public void Add(ChatTurn turn)
        {
            if (_writer != null && !_failed) Guard(() => _writer.AddTurn(turn));
        }

        public void SessionRead(ChatSession session) => _session = session;

        public void End()
        {
            if (_writer == null || _failed)
            {
                _cmd.Failed(_entry.SessionId);
                return;
            }
            Guard(() =>
            {
                _writer.Complete(_session);
                _writer.Commit();
            });
            if (_failed)
            {
                _cmd.Failed(_entry.SessionId);
                return;
            }
            _entry.LastUpdatedAt = _session?.LastUpdatedAtText;
            _entry.Rows = _writer.Rows;
            _cmd.Committed(_entry, _isNew);
        }

        public void Abandon()
        {
            _writer?.Discard();
            _writer = null;
            _cmd.Failed(_entry.SessionId);
        }

        private void Guard(Action write)
        {
            try
            {
                write();
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                _failed = true;
                _writer?.Discard();
                _cmd.WriteError(new ErrorRecord(
                    new IOException(Messages.TablesNotWritten(_entry.SessionId, _cmd.Folder!.Path, ex.Message), ex),
                    ErrorIds.TableWriteFailed, ErrorCategory.WriteError, _entry.SessionId));
            }
        }
    }
}
