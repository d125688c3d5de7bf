using System.Management.Automation;
using LlamaCloud.Chat.Redaction;

namespace LlamaCloud.Chat.Commands
{
    /// <summary>
    /// <para type="synopsis">Converts chat sessions into OpenTelemetry traces: one OTLP/JSON TracesData document per session, following the GenAI semantic conventions.</para>
    /// </summary>
    [Cmdlet(VerbsData.ConvertTo, "LlamaChatTrace", DefaultParameterSetName = "SessionId")]
    [OutputType(typeof(ChatTrace))]
    public sealed class ConvertToLlamaChatTraceCommand : LlamaChatTraceCmdlet
    {
        internal override void OnTrace(ChatTrace trace, Redaction.RedactionTally? tally) => WriteObject(trace);
    }
}
