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
    /// <para type="synopsis">Adds up what chat sessions used: sessions, turns, input and output tokens, errors, tool calls and tool errors, per day, session, index or tool.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "LlamaChatUsage", DefaultParameterSetName = ProjectSet)]
    [OutputType(typeof(ChatUsage))]
    public sealed class GetLlamaChatUsageCommand : SessionInputCmdlet
    {
        private UsageAccumulator? _rows;
        private DateTime? _since;
        private DateTime? _until;

        /// <summary>How rows are grouped: Day (of the sessions' last update, UTC), Session, Index or Tool. Default: one row for everything.</summary>
        [Parameter(Position = 0)]
        public ChatUsageGroup GroupBy { get; set; } = ChatUsageGroup.None;

        /// <summary>Only sessions last updated at or after this time. The API keeps no time per event or turn, so a
        /// session counts whole, by its last update. A time without a zone is local time.</summary>
        [Parameter]
        public DateTime Since { get; set; }

        /// <summary>Only sessions last updated before this time (see -Since).</summary>
        [Parameter]
        public DateTime Until { get; set; }

        /// <summary>Session files or archive folders (wildcards allowed), read in pieces, never held whole.</summary>
        [Parameter(Mandatory = true, ParameterSetName = FileSet)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = Array.Empty<string>();

        private protected override string[] FilePaths => Path;

        private protected override string ProgressActivity => Messages.AddingUpUsage();

        private protected override void Start()
        {
            _rows = new UsageAccumulator(GroupBy);
            if (MyInvocation.BoundParameters.ContainsKey(nameof(Since))) _since = Since.ToUniversalTime();
            if (MyInvocation.BoundParameters.ContainsKey(nameof(Until))) _until = Until.ToUniversalTime();
        }

        /// <summary>True when the session's last update is within -Since/-Until (always, without them).</summary>
        private bool InRange(ChatSession? session)
        {
            if (_since == null && _until == null) return true;
            if (session?.LastUpdatedAtText == null) return false;
            var t = session.LastUpdatedAt;
            return (_since == null || t >= _since) && (_until == null || t < _until);
        }

        private protected override PendingOutput? ForSession(ChatSession session)
        {
            if (!InRange(session)) return null;
            var target = new UsageTarget(this, session.SessionId, session);
            if (session.EventCount != null) return SessionTurns.FromLoaded(this, session, target);
            return SessionTurns.FromStream(this, ApiFor(session), session.SessionId, session, withSummary: false, target);
        }

        private protected override PendingOutput? ForSessionId(string id) =>
            SessionTurns.FromStream(this, Api, id, null, withSummary: true, new UsageTarget(this, id, null));

        private protected override PendingOutput? ForFile(string path, string id) =>
            SessionTurns.FromFile(this, id, path, new UsageTarget(this, id, null));

        private protected override void Finish()
        {
            foreach (var row in _rows!.Rows) WriteObject(row);
        }

        /// <summary>One session's turns, added up; merged into the rows once the session was read to its end and is in range.</summary>
        private sealed class UsageTarget : IEventTarget
        {
            private readonly GetLlamaChatUsageCommand _cmd;
            private readonly SessionUsage _usage;
            private ChatSession? _session;

            internal UsageTarget(GetLlamaChatUsageCommand cmd, string id, ChatSession? session)
            {
                _cmd = cmd;
                _usage = new SessionUsage(id);
                _session = session;
            }

            public void Begin(string sessionId, ChatSession? session)
            {
                if (session != null) _session = session;
            }

            public void Add(ChatTurn turn) => _usage.AddTurn(turn);

            public void AddEvent(ChatEvent e, int turn)
            {
            }

            public void SessionRead(ChatSession session) => _session = session;

            public void End()
            {
                if (_cmd.InRange(_session)) _cmd._rows!.Add(_usage, _session);
            }

            public void Abandon()
            {
            }
        }
    }
}
