using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading.Tasks;

namespace LlamaCloud.Chat.Commands
{
    /// <summary>
    /// Base of the trace cmdlets: takes sessions, session ids or turns from the pipeline and hands each session's
    /// trace to <see cref="OnTrace"/> as soon as it is complete. Events are streamed into turns and turns into the
    /// trace builder, so no session's history is held whole.
    /// </summary>
    public abstract class LlamaChatTraceCmdlet : LlamaCloudCmdlet
    {
        private const string SessionSet = "Session";
        private const string SessionIdSet = "SessionId";
        private const string TurnSet = "Turn";

        private TraceOptions? _options;
        private string? _turnSession;
        private List<ChatTurn>? _turns;

        /// <summary>Sessions to trace, typically piped from Get-LlamaChatSession. Sessions without loaded events are fetched.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = SessionSet)]
        [ValidateNotNull]
        public ChatSession[] InputObject { get; set; } = Array.Empty<ChatSession>();

        /// <summary>Ids of sessions to fetch and trace (streamed). Takes strings from the pipeline, and the SessionId property of piped objects.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = SessionIdSet)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        [ValidateSessionId]
        [ArgumentCompleter(typeof(SessionIdCompleter))]
        public string[] SessionId { get; set; } = Array.Empty<string>();

        /// <summary>Turns to trace, typically piped from Get-LlamaChatTurn. Consecutive turns of one session make one trace;
        /// the session's last_updated_at is fetched (one summary request per session) to place them in time.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = TurnSet)]
        [ValidateNotNull]
        public ChatTurn[] Turn { get; set; } = Array.Empty<ChatTurn>();

        /// <summary>The service.name resource attribute. Default: llama-cloud-chat.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string ServiceName { get; set; } = TraceConventions.DefaultServiceName;

        /// <summary>Also record the conversation's content: prompts (gen_ai.input.messages), answers and reasoning
        /// (gen_ai.output.messages), tool arguments and results (gen_ai.tool.call.arguments / .result). Off by default:
        /// content is where personal data lives.</summary>
        [Parameter]
        public SwitchParameter IncludeContent { get; set; }

        /// <summary>A session's trace is complete.</summary>
        internal abstract void OnTrace(ChatTrace trace);

        /// <summary>False to skip all work (-WhatIf on a file).</summary>
        internal virtual bool Active => true;

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            _options = new TraceOptions { ServiceName = ServiceName, IncludeContent = IncludeContent };
        }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            if (!Active) return;
            switch (ParameterSetName)
            {
                case SessionIdSet:
                    foreach (var id in SessionId) Guarded(id, () => FromStream(Api, id));
                    break;
                case TurnSet:
                    foreach (var t in Turn)
                    {
                        if (t == null) continue;
                        if (_turnSession != null && t.SessionId != _turnSession) FlushTurns();
                        _turnSession = t.SessionId;
                        (_turns ??= new List<ChatTurn>()).Add(t);
                    }
                    break;
                default:
                    foreach (var s in InputObject)
                    {
                        if (s == null) continue;
                        if (s.Events != null) Guarded(s.SessionId, () => FromSession(s));
                        else Guarded(s.SessionId, () => FromStream(ApiFor(s), s.SessionId));
                    }
                    break;
            }
        }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            if (Active) FlushTurns();
        }

        private void FlushTurns()
        {
            if (_turnSession == null || _turns == null) return;
            var id = _turnSession;
            var turns = _turns;
            _turnSession = null;
            _turns = null;
            Guarded(id, () =>
            {
                var summary = Await(Api.GetSummaryAsync(id, StopToken));
                var builder = new SessionTraceBuilder(id, summary.LastUpdatedAt, _options!);
                foreach (var t in turns) builder.Add(t);
                OnTrace(builder.Build());
            });
        }

        private void FromSession(ChatSession session)
        {
            var builder = new SessionTraceBuilder(session.SessionId, session.LastUpdatedAt, _options!);
            foreach (var t in TurnBuilder.Build(session.Events!)) builder.Add(t);
            OnTrace(builder.Build());
        }

        /// <summary>The summary (for last_updated_at), then the events as a stream, turned into turns as they arrive.</summary>
        private void FromStream(ChatApi api, string id)
        {
            var summary = Await(api.GetSummaryAsync(id, StopToken));
            var builder = new SessionTraceBuilder(id, summary.LastUpdatedAt, _options!);
            var channel = new EventChannel();
            var download = api.StreamEventsAsync(id, null, channel, StopToken);
            var turns = new TurnBuilder();
            var done = new List<ChatTurn>();
            while (true)
            {
                var batch = Await(channel.ReadAsync(StopToken));
                if (batch == null) break;
                foreach (var e in batch) turns.Add(e, done);
                foreach (var t in done) builder.Add(t);
                done.Clear();
            }
            Await(download.ContinueWith(_ => true, TaskScheduler.Default));
            turns.Complete(done);
            foreach (var t in done) builder.Add(t);
            OnTrace(builder.Build());
        }

        /// <summary>One error per failed session; the pipeline goes on.</summary>
        private void Guarded(string id, Action work)
        {
            try
            {
                work();
            }
            catch (LlamaCloudException ex)
            {
                WriteRequestError(ex, id);
            }
            catch (Exception ex) when (!(ex is PipelineStoppedException) && !(ex is OperationCanceledException) && !(ex is ActionPreferenceStopException))
            {
                WriteRequestError(ex, id);
            }
        }
    }
}
