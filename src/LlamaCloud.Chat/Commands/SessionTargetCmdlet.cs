using System;
using System.Management.Automation;

namespace LlamaCloud.Chat.Commands
{
    // The id set is the default, so that a bare call prompts for an id; a session piped while it is bound lands in the
    // hidden PipedSession, which keeps the session and where it came from instead of binding its SessionId property.
    /// <summary>
    /// The inputs of the cmdlets that act on sessions one by one (Remove-LlamaChatSession, Update-LlamaChatSessionTitle):
    /// session ids or sessions, at position 0. A call without any prompts for an id.
    /// </summary>
    public abstract class SessionTargetCmdlet : LlamaCloudCmdlet
    {
        private protected const string IdSet = "Id";
        private protected const string SessionSet = "Session";

        /// <summary>The ids of the sessions. Takes strings from the pipeline, and the SessionId property of piped
        /// objects (summaries, events, anything with a SessionId).</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("SessionId")]
        [ValidateNotNullOrEmpty]
        [SessionIdTransformation]
        [ValidateSessionId]
        [ArgumentCompleter(typeof(SessionIdCompleter))]
        public string[] Id { get; set; } = Array.Empty<string>();

        /// <summary>Sessions, as Get-LlamaChatSession or New-LlamaChatSession write them; each is acted on where it was
        /// fetched from.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = SessionSet, ValueFromPipeline = true)]
        [ValidateNotNull]
        public ChatSession[] Session { get; set; } = Array.Empty<ChatSession>();

        /// <summary>A session piped in (hidden: pipe sessions, or use -Session).</summary>
        [Parameter(ParameterSetName = IdSet, ValueFromPipeline = true, DontShow = true)]
        [ValidateNotNull]
        public ChatSession[] PipedSession { get; set; } = Array.Empty<ChatSession>();
    }
}
