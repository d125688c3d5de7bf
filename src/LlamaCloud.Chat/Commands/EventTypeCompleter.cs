using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace LlamaCloud.Chat.Commands
{
    /// <summary>Completes -Type with the event wire names, each with a tooltip saying what the event is.</summary>
    public sealed class EventTypeCompleter : IArgumentCompleter
    {
        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
            foreach (var d in ChatEventType.Descriptions)
            {
                if (d.Key.StartsWith(prefix, System.StringComparison.OrdinalIgnoreCase))
                    yield return new CompletionResult(d.Key, d.Key, CompletionResultType.ParameterValue, d.Value);
            }
        }
    }
}
