using System;
using System.Management.Automation;
using LlamaCloud.Chat.Analytics;
using LlamaCloud.Chat.Api;
using LlamaCloud.Chat.Archive;
using LlamaCloud.Chat.Connection;
using LlamaCloud.Chat.Http;
using LlamaCloud.Chat.Module;
using LlamaCloud.Chat.Redaction;
using LlamaCloud.Chat.Serialization;
using LlamaCloud.Chat.Telemetry;

namespace LlamaCloud.Chat.Commands
{
    /// <summary>Rejects empty and blank session ids at binding, before any request is sent.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidateSessionIdAttribute : ValidateEnumeratedArgumentsAttribute
    {
        /// <inheritdoc />
        protected override void ValidateElement(object element)
        {
            var s = PSValue.AsString(element);
            if (string.IsNullOrWhiteSpace(s))
                throw new ValidationMetadataException(Messages.SessionIdBlank());
        }
    }
}
