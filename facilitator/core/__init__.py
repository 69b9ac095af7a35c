"""The domain of a confessional session: no Qt, no aiohttp.

Everything the console, the moderator page and the phones can do goes through
:class:`facilitator.core.session.SessionService`; changes are announced to
observers through :class:`facilitator.core.events.EventBus`.
"""
