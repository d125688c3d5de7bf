using System;
using System.Collections.Generic;
using System.Management.Automation;
using LlamaCloud.Chat.Turns;

namespace LlamaCloud.Chat.Commands
{
    /// <summary>
    /// <para type="synopsis">Gets the turns of LlamaCloud chat sessions: each question with its answer, reasoning, tool calls and usage.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "LlamaChatTurn", DefaultParameterSetName = SessionIdSet)]
    [OutputType(typeof(ChatTurn))]
    public sealed class GetLlamaChatTurnCommand : LlamaCloudCmdlet, ITurnTarget
    {
        private const string SessionSet = "Session";
        private const string SessionIdSet = "SessionId";
        private const string EventSet = "Event";

        private OrderedOutputQueue? _queue;
        private readonly TurnBuilder _piped = new TurnBuilder();
        private readonly List<ChatTurn> _pipedDone = new List<ChatTurn>();

        /// <summary>Sessions whose turns to get, typically piped from Get-LlamaChatSession. Sessions listed without
        /// events (or read with -Summary) are streamed by id.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = SessionSet, ValueFromPipeline = true)]
        [ValidateNotNull]
        public ChatSession[] Session { get; set; } = Array.Empty<ChatSession>();

        /// <summary>Ids of sessions whose turns to get. The history is streamed and each turn is written as soon as it
        /// is complete; only one turn is held in memory. Takes the SessionId property of piped objects.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = SessionIdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        [SessionIdTransformation]
        [ValidateSessionId]
        [ArgumentCompleter(typeof(SessionIdCompleter))]
        public string[] SessionId { get; set; } = Array.Empty<string>();

        /// <summary>Events, in history order, typically piped from Get-LlamaChatEvent. Events of several sessions may
        /// follow one another; each session's turns are numbered from 1.</summary>
        [Parameter(Mandatory = true, ParameterSetName = EventSet, ValueFromPipeline = true)]
        [ValidateNotNull]
        public ChatEvent[] InputObject { get; set; } = Array.Empty<ChatEvent>();

        // Why: A session piped in while the id set (the default, so that a bare call prompts for an id) is bound:
        // PowerShell binds pipeline input within the default set first, so without this its SessionId property would
        // win.
        /// <summary>A session piped in (hidden: pipe sessions, or use -Session).</summary>
        [Parameter(ParameterSetName = SessionIdSet, ValueFromPipeline = true, DontShow = true)]
        [ValidateNotNull]
        public ChatSession[] PipedSession { get; set; } = Array.Empty<ChatSession>();

        // Why: An event piped in while the id set (the default, so that a bare call prompts for an id) is bound:
        // PowerShell binds pipeline input within the default set first, so without this its SessionId property would
        // win.
        /// <summary>An event piped in (hidden: pipe events, or use -InputObject).</summary>
        [Parameter(ParameterSetName = SessionIdSet, ValueFromPipeline = true, DontShow = true)]
        [ValidateNotNull]
        public ChatEvent[] PipedEvent { get; set; } = Array.Empty<ChatEvent>();

        /// <summary>How many sessions are fetched at once when several arrive. Output stays in session order. Default 8.</summary>
        [Parameter(ParameterSetName = SessionSet)]
        [Parameter(ParameterSetName = SessionIdSet)]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 8;

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            _queue = new OrderedOutputQueue(this, ThrottleLimit, Messages.GettingTurns());
        }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            if (ParameterSetName == EventSet || PipedEvent.Length > 0)
            {
                _queue!.WriteReady(all: true); // sessions before these events come out first
                foreach (var e in ParameterSetName == EventSet ? InputObject : PipedEvent)
                {
                    if (e == null) continue;
                    _piped.Add(e, _pipedDone);
                    WritePiped();
                }
                return;
            }
            // Sessions after piped events: finish those first, so output keeps input order.
            _piped.Complete(_pipedDone);
            WritePiped();
            var sessions = ParameterSetName == SessionSet ? Session : PipedSession.Length > 0 ? PipedSession : null;
            if (!MyInvocation.ExpectingInput && _queue!.Total == null) _queue.Total = sessions?.Length ?? SessionId.Length;
            if (sessions != null)
            {
                foreach (var s in sessions)
                {
                    if (s == null) continue;
                    _queue!.Add(s.EventCount != null // loaded, without building a lazy session's events
                        ? SessionTurns.FromLoaded(this, s, this)
                        : SessionTurns.FromStream(this, ApiFor(s), s.SessionId, s, withSummary: false, this));
                }
            }
            else
            {
                foreach (var id in SessionId) _queue!.Add(SessionTurns.FromStream(this, Api, id, null, withSummary: false, this));
            }
        }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            _queue?.WriteReady(all: true);
            _piped.Complete(_pipedDone);
            WritePiped();
        }

        private void WritePiped()
        {
            if (_pipedDone.Count == 0) return;
            foreach (var t in _pipedDone)
            {
                ToolNamesSeen.Record(t);
                WriteObject(t);
            }
            _pipedDone.Clear();
        }

        void ITurnTarget.Begin(string sessionId, ChatSession? session) { }

        void ITurnTarget.Add(ChatTurn turn)
        {
            ToolNamesSeen.Record(turn); // for -Name completion
            WriteObject(turn);
        }

        void ITurnTarget.End() { }

        void ITurnTarget.Abandon() { }
    }
}
