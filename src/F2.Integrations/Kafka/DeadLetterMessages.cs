using Confluent.Kafka;
using F2.Protocol;

namespace F2.Integrations.Kafka;

/// <summary>A <see cref="DeadLetter"/> as a Kafka message; the stage then adds the trace context to its headers.</summary>
public static class DeadLetterMessages
{
    public static Message<string?, byte[]> ToMessage(this DeadLetter deadLetter)
    {
        ArgumentNullException.ThrowIfNull(deadLetter);
        return new Message<string?, byte[]> { Key = deadLetter.DeviceId, Value = deadLetter.Payload, Headers = ToHeaders(deadLetter) };
    }

    public static Headers ToHeaders(this DeadLetter deadLetter)
    {
        ArgumentNullException.ThrowIfNull(deadLetter);
        var headers = new Headers();
        foreach (var (name, value) in deadLetter.Headers())
        {
            headers.Add(name, value);
        }

        return headers;
    }
}
