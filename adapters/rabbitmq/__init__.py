"""Events over kombu: RabbitMQ (``amqp://``) in production, ``memory://`` embedded."""
