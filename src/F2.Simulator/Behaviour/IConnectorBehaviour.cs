using F2.Simulator.Generation;

namespace F2.Simulator.Behaviour;

/// <summary>The state machine of one connector: each step moves it on and yields the one message that tells of it.</summary>
internal interface IConnectorBehaviour
{
    SimulatedMessage Step(Random random, DateTime time);
}
