using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading.Tasks;
using LlamaCloud.Chat.Api;
using LlamaCloud.Chat.Turns;
using LlamaCloud.Chat.Serialization;
using LlamaCloud.Chat.Archive;

namespace LlamaCloud.Chat.Commands
{
    /// <summary>
    /// The turns of one session as a fetch-ahead item of <see cref="OrderedOutputQueue"/>: from a session already in
    /// memory, or streamed through <see cref="ChatApi.StreamEventsAsync"/> (the same bounded path as
    /// Get-LlamaChatEvent -SessionId), so only the turn being built is held, however long the history.
    /// </summary>
    internal sealed class SessionTurns : PendingOutput
    {
        private readonly LlamaCloudCmdlet _cmd;
        private readonly string _id;
        private readonly ITurnTarget _target;
        private readonly ChatSession? _loaded;
        private readonly string? _file;
        private readonly EventChannel? _channel;
        private readonly Task? _download;
        private readonly Task<ChatSession>? _summary;
        private ChatSession? _known;

        private SessionTurns(LlamaCloudCmdlet cmd, string id, ITurnTarget target)
        {
            _cmd = cmd;
            _id = id;
            _target = target;
        }

        private SessionTurns(LlamaCloudCmdlet cmd, ChatSession loaded, ITurnTarget target) : this(cmd, loaded.SessionId, target)
        {
            _loaded = loaded;
            _known = loaded;
        }

        private SessionTurns(LlamaCloudCmdlet cmd, ChatApi api, string id, ChatSession? known, bool withSummary, ITurnTarget target)
            : this(cmd, id, target)
        {
            _known = known;
            _channel = new EventChannel();
            if (withSummary && known == null)
            {
                _summary = api.GetSummaryAsync(id, cmd.StopToken);
                _download = StreamAfterSummary(api, _summary, _channel);
            }
            else
            {
                _download = Stream(api, id, _channel, cmd);
            }
        }

        private SessionTurns(LlamaCloudCmdlet cmd, string id, string file, ITurnTarget target) : this(cmd, id, target)
        {
            _file = file;
        }

        /// <summary>A session whose events are in memory.</summary>
        internal static SessionTurns FromLoaded(LlamaCloudCmdlet cmd, ChatSession session, ITurnTarget target) =>
            new SessionTurns(cmd, session, target);

        /// <summary>
        /// A session streamed by id. With <paramref name="withSummary"/> and no <paramref name="known"/> session, the
        /// summary (title, time) is read first, for targets that show it before the turns.
        /// </summary>
        internal static SessionTurns FromStream(LlamaCloudCmdlet cmd, ChatApi api, string id, ChatSession? known, bool withSummary, ITurnTarget target) =>
            new SessionTurns(cmd, api, id, known, withSummary, target);

        /// <summary>
        /// A session file read in pieces as its turn comes (never held whole). <paramref name="id"/> is the session id the
        /// events carry; the file's own fields reach an <see cref="IEventTarget"/> just before <see cref="ITurnTarget.End"/>.
        /// </summary>
        internal static SessionTurns FromFile(LlamaCloudCmdlet cmd, string id, string file, ITurnTarget target) =>
            new SessionTurns(cmd, id, file, target);

        internal override bool IsCompleted => _download == null || _download.IsCompleted;

        internal override void Write()
        {
            var builder = new TurnBuilder();
            var done = new List<ChatTurn>();
            var begun = false;
            if (_loaded != null)
            {
                _target.Begin(_id, _known);
                foreach (var e in _loaded.EnumerateEvents()!) // a lazy session stays unmaterialized
                {
                    builder.Add(e, done);
                    _events?.AddEvent(e, builder.CurrentTurn);
                    Flush(done);
                }
                builder.Complete(done);
                Flush(done);
                _target.End();
                return;
            }
            if (_file != null)
            {
                WriteFile(builder, done);
                return;
            }
            while (true)
            {
                List<ChatEvent>? batch;
                try
                {
                    batch = _cmd.Await(_channel!.ReadAsync(_cmd.StopToken));
                }
                catch (PipelineStoppedException)
                {
                    _target.Abandon(); // Ctrl+C: a half-written transcript is not kept
                    throw;
                }
                catch (Exception ex)
                {
                    // One error for this id, never the end of the pipeline (as Get-LlamaChatEvent); a rejected key or
                    // proxy ends the command, so the half-written target goes first.
                    _target.Abandon();
                    _cmd.WriteRequestError(ex, _id);
                    return;
                }
                if (!begun)
                {
                    // The summary, if asked for, finished before the first event was streamed.
                    if (_summary != null && _summary.Status == TaskStatus.RanToCompletion) _known = _summary.Result;
                    _target.Begin(_id, _known);
                    begun = true;
                }
                if (batch == null) break;
                foreach (var e in batch)
                {
                    builder.Add(e, done);
                    _events?.AddEvent(e, builder.CurrentTurn);
                    if (done.Count > 0) Flush(done);
                }
            }
            builder.Complete(done);
            Flush(done);
            _target.End();
        }

        private IEventTarget? _events => _target as IEventTarget;

        // A file, on the pipeline thread: piece by piece through the same reader as a download, one error if it is not a session.
        private void WriteFile(TurnBuilder builder, List<ChatTurn> done)
        {
            var reader = new SessionReader(_id, new StreamedEvents(null));
            _target.Begin(_id, null);
            try
            {
                Archive.SessionFileStream.Read(_file!, reader, batch =>
                {
                    foreach (var e in batch)
                    {
                        builder.Add(e, done);
                        _events?.AddEvent(e, builder.CurrentTurn);
                        if (done.Count > 0) Flush(done);
                    }
                    _cmd.ReportActivity();
                });
            }
            catch (Exception ex) when (ex is InvalidSessionJsonException || ex is System.IO.IOException || ex is UnauthorizedAccessException)
            {
                _target.Abandon();
                _cmd.WriteError(new ErrorRecord(
                    new System.IO.InvalidDataException(Archive.Messages.NotASessionFile(_file!, ex.Message), ex),
                    ErrorIds.InvalidSessionFile, ex is InvalidSessionJsonException ? ErrorCategory.InvalidData : ErrorCategory.ReadError, _file));
                return;
            }
            var session = reader.Session;
            session.Events = null;
            _events?.SessionRead(session);
            builder.Complete(done);
            Flush(done);
            _target.End();
        }

        private void Flush(List<ChatTurn> done)
        {
            foreach (var t in done) _target.Add(t);
            done.Clear();
        }

        private static Task Stream(ChatApi api, string id, EventChannel channel, LlamaCloudCmdlet cmd)
        {
            try
            {
                return api.StreamEventsAsync(id, null, channel, cmd.StopToken);
            }
            catch (LlamaCloudException ex)
            {
                channel.Complete(ex);
                return Task.FromResult(0);
            }
        }

        private async Task StreamAfterSummary(ChatApi api, Task<ChatSession> summary, EventChannel channel)
        {
            try
            {
                await summary.ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                channel.Complete(ex); // the reader reports it, once
                return;
            }
            await Stream(api, _id, channel, _cmd).ConfigureAwait(false);
        }
    }
}
