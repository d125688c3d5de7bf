using System;
using System.Management.Automation;

namespace LlamaCloud.Chat.Commands
{
    // The id set is the default, so that a bare call prompts for an id; a session piped while it is bound lands in the
    // hidden PipedSession (PowerShell binds pipeline input within the default set first, so without it the session's
    // SessionId property would win and its loaded events and connection be lost; -Session itself cannot be in both sets,
    // or -Session on the command line would leave the id set chosen and prompt for an id).
    /// <summary>
    /// The inputs Get-LlamaChatEvent and Get-LlamaChatTurn share: sessions or session ids, at position 0. A call
    /// without any prompts for a session id.
    /// </summary>
    public abstract class SessionReadCmdlet : LlamaCloudCmdlet
    {
        private protected const string SessionSet = "Session";
        private protected const string SessionIdSet = "SessionId";

        /// <summary>Sessions to read, typically piped from Get-LlamaChatSession. A session whose events are loaded is
        /// read from memory; one listed without them (or read with -Summary) has its history streamed by id.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = SessionSet, ValueFromPipeline = true)]
        [ValidateNotNull]
        public ChatSession[] Session { get; set; } = Array.Empty<ChatSession>();

        /// <summary>Ids of sessions to read. The history is streamed: the first results come out before it has
        /// downloaded, and memory does not grow with it. Takes the SessionId property of piped objects.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = SessionIdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        [SessionIdTransformation]
        [ValidateSessionId]
        [ArgumentCompleter(typeof(SessionIdCompleter))]
        public string[] SessionId { get; set; } = Array.Empty<string>();

        /// <summary>A session piped in (hidden: pipe sessions, or use -Session).</summary>
        [Parameter(ParameterSetName = SessionIdSet, ValueFromPipeline = true, DontShow = true)]
        [ValidateNotNull]
        public ChatSession[] PipedSession { get; set; } = Array.Empty<ChatSession>();
    }
}
