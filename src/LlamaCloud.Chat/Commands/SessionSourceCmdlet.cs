using System;
using System.Management.Automation;

namespace LlamaCloud.Chat.Commands
{
    // The id set is the default, so that a bare call prompts for an id; sessions and turns piped while it is bound land
    // in hidden parameters of that set, and the command dispatches on what arrived.
    /// <summary>
    /// The inputs the transcript and trace cmdlets share: sessions, session ids or turns. A call without any prompts
    /// for a session id.
    /// </summary>
    public abstract class SessionSourceCmdlet : LlamaCloudCmdlet
    {
        private protected const string SessionSet = "Session";
        private protected const string SessionIdSet = "SessionId";
        private protected const string TurnSet = "Turn";

        /// <summary>Sessions, typically piped from Get-LlamaChatSession. A session whose events are loaded is used as it is;
        /// one without (a listed session) has its history read by id, as a stream.</summary>
        [Parameter(Mandatory = true, ParameterSetName = SessionSet, ValueFromPipeline = true)]
        [Alias("InputObject")]
        [ValidateNotNull]
        public ChatSession[] Session { get; set; } = Array.Empty<ChatSession>();

        /// <summary>Ids of sessions to read: the session's summary (title, time) and then its history, as a stream.
        /// Takes strings from the pipeline, and the SessionId property of piped objects.</summary>
        [Parameter(Mandatory = true, ParameterSetName = SessionIdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        [SessionIdTransformation]
        [ValidateSessionId]
        [ArgumentCompleter(typeof(SessionIdCompleter))]
        public string[] SessionId { get; set; } = Array.Empty<string>();

        /// <summary>Turns, typically piped from Get-LlamaChatTurn (filtered as you like). Consecutive turns of one session
        /// belong together: they make one transcript, or one trace.</summary>
        [Parameter(Mandatory = true, ParameterSetName = TurnSet, ValueFromPipeline = true)]
        [ValidateNotNull]
        public ChatTurn[] Turn { get; set; } = Array.Empty<ChatTurn>();

        // Why: A session piped in while the id set (the default, so that a bare call prompts for an id) is bound:
        // PowerShell binds pipeline input within the default set first, so without this its SessionId property would
        // win.
        /// <summary>A session piped in (hidden: pipe sessions, or use -Session).</summary>
        [Parameter(ParameterSetName = SessionIdSet, ValueFromPipeline = true, DontShow = true)]
        [ValidateNotNull]
        public ChatSession[] PipedSession { get; set; } = Array.Empty<ChatSession>();

        // Why: A turn piped in while the id set (the default, so that a bare call prompts for an id) is bound:
        // PowerShell binds pipeline input within the default set first, so without this its SessionId property would
        // win.
        /// <summary>A turn piped in (hidden: pipe turns, or use -Turn).</summary>
        [Parameter(ParameterSetName = SessionIdSet, ValueFromPipeline = true, DontShow = true)]
        [ValidateNotNull]
        public ChatTurn[] PipedTurn { get; set; } = Array.Empty<ChatTurn>();
    }
}
