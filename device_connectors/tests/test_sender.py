"""Store-and-forward against a fake Odoo (HSC-11, HSC-12): batches delivered, rejections dropped, 401 stops
sending, back-off grows, and nothing is lost or doubled when Odoo is down and the connector restarts."""
import logging

from connector_testlib import wait_until

from kz_access_connector import Connector
from kz_access_connector.client import OdooClient
from kz_access_connector.event_queue import REJECTED, SENT, EventQueue
from kz_access_connector.sender import Backoff, Sender


def test_batches_delivered_and_marked_sent_HSC11(make_config, fake_odoo):
    connector = Connector(make_config(fake_odoo.url, batch_size=4)).start()
    try:
        ids = {connector.tap('04A1B2C3' if i % 2 else 'DEADBEEF').event.id for i in range(10)}
        wait_until(lambda: connector.queue.pending_count() == 0)
        assert set(fake_odoo.stored) == ids
        assert connector.queue.count(SENT) == 10
        assert connector.sender.delivered == 10
    finally:
        connector.stop()


def test_rejected_events_dropped_and_never_resent(tmp_path, fake_odoo, caplog):
    queue = EventQueue(str(tmp_path / 'q.sqlite'))
    sender = Sender(queue, OdooClient(fake_odoo.url, fake_odoo.token))
    try:
        good = queue.append('04A1B2C3', 'in', True).id
        future = queue.append('04A1B2C3', 'in', True, time_iso='2999-01-01T08:00:00+05:00').id
        assert sender.send_batch() == 2
        assert sender.send_batch() == 0                          # nothing left to send
        assert fake_odoo.received == [good, future]
        assert set(fake_odoo.stored) == {good}
        assert queue.events(REJECTED)[0].reason == 'time in the future'
        assert 'rejected by Odoo (time in the future)' in caplog.text
    finally:
        queue.close()


def test_401_stops_sending_but_taps_still_queue(make_config, fake_odoo, caplog):
    fake_odoo.token = 'a-new-token'                              # ours was revoked
    connector = Connector(make_config(fake_odoo.url)).start()
    try:
        connector.allowlist.replace(['04A1B2C3'])
        connector.tap('04A1B2C3')
        wait_until(lambda: not connector.sender.running)
        assert connector.sender.token_revoked and connector.health()['token_revoked']
        assert 'SENDING STOPPED' in caplog.text
        assert [r.levelno for r in caplog.records if 'SENDING STOPPED' in r.message] == [logging.CRITICAL]
        posts = len(fake_odoo.post_times)
        assert connector.tap('04A1B2C3').opened                  # the turnstile still works
        assert connector.queue.pending_count() == 2
        assert len(fake_odoo.post_times) == posts                # and nothing more is sent
    finally:
        connector.stop()


def test_a_batch_over_the_body_limit_is_split_until_it_passes_HSC11(make_config, fake_odoo, caplog):
    """413 (batch_size configured far above Odoo's 5 MB limit): the sender halves its batches at once instead
    of resending the same refused batch forever."""
    fake_odoo.max_events = 3
    connector = Connector(make_config(fake_odoo.url, batch_size=10)).start()
    try:
        connector.sender.stop()
        ids = {connector.tap('04A1B2C3').event.id for _ in range(10)}
        connector.sender.start()
        wait_until(lambda: connector.queue.pending_count() == 0)
        assert set(fake_odoo.stored) == ids and fake_odoo.duplicates == 0
        assert connector.sender.batch_size == 2                  # 10 -> 5 -> 2
        assert connector.sender.backoff.failures == 0            # no back-off wait for a 413
        assert 'batch size is now 5' in caplog.text
    finally:
        connector.stop()


def test_backoff_doubles_with_jitter_up_to_the_cap():
    assert [Backoff(1, 8, rng=lambda: 1.0).next_delay() for _ in range(1)] == [1]
    high, low = Backoff(1, 8, rng=lambda: 1.0), Backoff(1, 8, rng=lambda: 0.0)
    assert [high.next_delay() for _ in range(6)] == [1, 2, 4, 8, 8, 8]
    assert [low.next_delay() for _ in range(5)] == [0.5, 1, 2, 4, 4]
    high.reset()
    assert high.next_delay() == 1


def test_retries_back_off_while_odoo_fails(make_config, fake_odoo):
    fake_odoo.fail_status = 503
    connector = Connector(make_config(fake_odoo.url)).start()     # back-off 0.05 s doubling, cap 0.4 s
    try:
        connector.tap('04A1B2C3')
        wait_until(lambda: len(fake_odoo.post_times) >= 6)
        gaps = [b - a for a, b in zip(fake_odoo.post_times, fake_odoo.post_times[1:])]
        assert all(gaps[i + 2] > gaps[i] for i in range(3)), gaps  # the jitter is at most half a delay
        assert connector.sender.backoff.failures >= 5
        assert '503' in connector.health()['last_send_error']
        fake_odoo.fail_status = None
        wait_until(lambda: connector.queue.pending_count() == 0)
        assert connector.sender.backoff.failures == 0
    finally:
        connector.stop()


def test_odoo_down_and_connector_restarted_every_event_arrives_once_HSC11_HSC12(make_config, fake_odoo):
    config = make_config(fake_odoo.url, batch_size=7)
    generated = []

    connector = Connector(config).start()
    generated += [connector.tap('04A1B2C3').event.id for _ in range(20)]
    wait_until(lambda: connector.queue.pending_count() == 0)
    fake_odoo.stop()                                             # Odoo goes down mid-stream
    generated += [connector.tap('DEADBEEF').event.id for _ in range(30)]
    wait_until(lambda: connector.sender.backoff.failures >= 2)   # connection refused, retrying
    assert connector.queue.pending_count() == 30
    connector.stop()                                             # the box restarts

    connector = Connector(config).start()
    try:
        assert connector.queue.pending_count() == 30
        generated += [connector.tap('04A1B2C3').event.id for _ in range(10)]
        fake_odoo.drop_next_response = True                     # first batch back: stored, answer lost
        fake_odoo.start()                                        # Odoo is back, same port
        wait_until(lambda: connector.queue.pending_count() == 0)
    finally:
        connector.stop()
    assert set(fake_odoo.stored) == set(generated) and len(generated) == 60
    assert len(fake_odoo.stored) == 60
    assert fake_odoo.duplicates == 7                             # the batch whose answer was lost, resent once
    assert len(fake_odoo.received) == 60 + 7
