using System.Management.Automation;
using LlamaCloud.Chat.Connection;
using LlamaCloud.Chat.Analytics;
using LlamaCloud.Chat.Api;
using LlamaCloud.Chat.Archive;
using LlamaCloud.Chat.Http;
using LlamaCloud.Chat.Module;
using LlamaCloud.Chat.Redaction;
using LlamaCloud.Chat.Serialization;
using LlamaCloud.Chat.Telemetry;

namespace LlamaCloud.Chat.Commands
{
    /// <summary>
    /// <para type="synopsis">Forgets the connection Connect-LlamaCloud remembered.</para>
    /// </summary>
    [Cmdlet(VerbsCommunications.Disconnect, "LlamaCloud")]
    [OutputType(typeof(void))]
    public sealed class DisconnectLlamaCloudCommand : PSCmdlet
    {
        /// <inheritdoc />
        protected override void EndProcessing()
        {
            if (LlamaCloudConnection.Current == null) WriteVerbose(Messages.NotConnected());
            LlamaCloudConnection.Current = null;
        }
    }
}
