"""The Customer Agent: answers friends in a session opened by the Customer Agent action."""

from agent.customer.service import CustomerAgent, build_customer_agent

__all__ = ["CustomerAgent", "build_customer_agent"]
