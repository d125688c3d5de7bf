using System;
using System.Collections.Generic;
using System.Management.Automation;

namespace LlamaCloud.Chat.Commands
{
    /// <summary>
    /// <para type="synopsis">Gets the turns of LlamaCloud chat sessions: each question with its answer, reasoning, tool calls and usage.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "LlamaChatTurn", DefaultParameterSetName = SessionSet)]
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
        [ValidateSessionId]
        [ArgumentCompleter(typeof(SessionIdCompleter))]
        public string[] SessionId { get; set; } = Array.Empty<string>();

        /// <summary>Events, in history order, typically piped from Get-LlamaChatEvent. Events of several sessions may
        /// follow one another; each session's turns are numbered from 1.</summary>
        [Parameter(Mandatory = true, ParameterSetName = EventSet, ValueFromPipeline = true)]
        [ValidateNotNull]
        public ChatEvent[] InputObject { get; set; } = Array.Empty<ChatEvent>();

        /// <summary>How many sessions are fetched at once when several arrive. Output stays in session order. Default 8.</summary>
        [Parameter(ParameterSetName = SessionSet)]
        [Parameter(ParameterSetName = SessionIdSet)]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 8;

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            _queue = new OrderedOutputQueue(this, ThrottleLimit, "Getting LlamaCloud chat turns");
        }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            if (ParameterSetName == EventSet)
            {
                _queue!.WriteReady(all: true); // sessions before these events come out first
                foreach (var e in InputObject)
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
            if (!MyInvocation.ExpectingInput && _queue!.Total == null) _queue.Total = ParameterSetName == SessionSet ? Session.Length : SessionId.Length;
            if (ParameterSetName == SessionSet)
            {
                foreach (var s in Session)
                {
                    if (s == null) continue;
                    _queue!.Add(s.Events != null
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
            foreach (var t in _pipedDone) WriteObject(t);
            _pipedDone.Clear();
        }

        void ITurnTarget.Begin(string sessionId, ChatSession? session) { }

        void ITurnTarget.Add(ChatTurn turn) => WriteObject(turn);

        void ITurnTarget.End() { }

        void ITurnTarget.Abandon() { }
    }
}
