using System.Diagnostics;
using Confluent.Kafka;
using MQTTnet;
using MQTTnet.Packets;

namespace F2.Integrations.Telemetry;

/// <summary>
/// Producer and consumer spans following the OpenTelemetry messaging conventions: span name
/// "{operation} {destination}", kind Producer for send/publish and Consumer for process, attributes
/// <c>messaging.system</c>, <c>messaging.operation.type</c>, <c>messaging.operation.name</c>,
/// <c>messaging.destination.name</c> and, for Kafka, partition, offset, key and consumer group.
/// A process span is a child of the context the message carried, so the whole pipeline is one trace.
/// When no listener samples a span these return null; pass the incoming context on unchanged then
/// (<c>activity?.Context ?? incoming</c>) so the trace still joins up downstream.
/// </summary>
public static class MessagingActivities
{
    public const string Kafka = "kafka";
    public const string Mqtt = "mqtt";

    /// <summary>A Producer span for writing a record to <paramref name="topic"/>; its context is written into <paramref name="headers"/>.</summary>
    public static Activity? StartKafkaSend(
        ActivitySource source, string topic, string? key, Headers headers, ActivityContext incoming = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        Activity? activity = source.StartActivity($"send {topic}", ActivityKind.Producer, incoming);
        if (activity is { IsAllDataRequested: true })
        {
            SetCommon(activity, Kafka, "send", "send", topic);
            if (key is not null)
            {
                activity.SetTag(MessagingAttributes.KafkaMessageKey, key);
            }
        }

        TraceContext.Inject(activity?.Context ?? incoming, headers);
        return activity;
    }

    /// <summary>Adds where the broker stored the record to a span from <see cref="StartKafkaSend"/>.</summary>
    public static void RecordKafkaDelivery(Activity? activity, TopicPartitionOffset stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (activity is { IsAllDataRequested: true })
        {
            SetPartitionAndOffset(activity, stored.Partition, stored.Offset);
        }
    }

    /// <summary>A Consumer span for processing one consumed record, child of the trace context in its headers.</summary>
    public static Activity? StartKafkaProcess<TKey, TValue>(
        ActivitySource source, ConsumeResult<TKey, TValue> record, string consumerGroup)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(record);
        TraceContext.TryExtract(record.Message.Headers, out ActivityContext parent);
        Activity? activity = source.StartActivity($"process {record.Topic}", ActivityKind.Consumer, parent);
        if (activity is { IsAllDataRequested: true })
        {
            SetCommon(activity, Kafka, "process", "process", record.Topic);
            activity.SetTag(MessagingAttributes.ConsumerGroupName, consumerGroup);
            SetPartitionAndOffset(activity, record.Partition, record.Offset);
            if (record.Message.Key is string key)
            {
                activity.SetTag(MessagingAttributes.KafkaMessageKey, key);
            }
        }

        return activity;
    }

    /// <summary>
    /// A Consumer span for one record of a batch, made once the batch is settled: from <paramref name="consumedAt"/> to
    /// when it is disposed, child of the record's trace context, linked to the batch's span.
    /// </summary>
    public static Activity? StartKafkaSettled(
        ActivitySource source, ActivityContext parent, ActivityLink[] links, DateTimeOffset consumedAt, TopicPartitionOffset position, string consumerGroup)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(position);
        Activity? activity = source.StartActivity(ActivityKind.Consumer, parent, links: links, startTime: consumedAt, name: $"process {position.Topic}");
        if (activity is { IsAllDataRequested: true })
        {
            SetCommon(activity, Kafka, "process", "process", position.Topic);
            activity.SetTag(MessagingAttributes.ConsumerGroupName, consumerGroup);
            SetPartitionAndOffset(activity, position.Partition, position.Offset);
        }

        return activity;
    }

    /// <summary>
    /// A Producer span for publishing to an MQTT topic; its context is added to <paramref name="userProperties"/>.
    /// <paramref name="destinationTemplate"/> (e.g. <c>cmnd/{device}/...</c>) names the span, since topics carry device ids.
    /// </summary>
    public static Activity? StartMqttPublish(
        ActivitySource source, string topic, string destinationTemplate, List<MqttUserProperty> userProperties)
    {
        ArgumentNullException.ThrowIfNull(source);
        Activity? activity = source.StartActivity($"publish {destinationTemplate}", ActivityKind.Producer);
        if (activity is { IsAllDataRequested: true })
        {
            SetCommon(activity, Mqtt, "send", "publish", topic);
            activity.SetTag(MessagingAttributes.DestinationTemplate, destinationTemplate);
        }

        TraceContext.Inject(activity?.Context ?? default, userProperties);
        return activity;
    }

    /// <summary>A Consumer span for one received MQTT message, child of the trace context in its user properties.</summary>
    public static Activity? StartMqttProcess(ActivitySource source, MqttApplicationMessage message, string destinationTemplate)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(message);
        TraceContext.TryExtract(message.UserProperties, out ActivityContext parent);
        Activity? activity = source.StartActivity($"process {destinationTemplate}", ActivityKind.Consumer, parent);
        if (activity is { IsAllDataRequested: true })
        {
            SetCommon(activity, Mqtt, "process", "process", message.Topic);
            activity.SetTag(MessagingAttributes.DestinationTemplate, destinationTemplate);
            activity.SetTag(MessagingAttributes.MessageBodySize, message.Payload.Length);
        }

        return activity;
    }

    private static void SetCommon(Activity activity, string system, string operationType, string operationName, string destination)
    {
        activity.SetTag(MessagingAttributes.System, system);
        activity.SetTag(MessagingAttributes.OperationType, operationType);
        activity.SetTag(MessagingAttributes.OperationName, operationName);
        activity.SetTag(MessagingAttributes.DestinationName, destination);
    }

    private static void SetPartitionAndOffset(Activity activity, Partition partition, Offset offset)
    {
        activity.SetTag(MessagingAttributes.DestinationPartitionId,
            partition.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (!offset.IsSpecial)
        {
            activity.SetTag(MessagingAttributes.KafkaOffset, offset.Value);
        }
    }
}
