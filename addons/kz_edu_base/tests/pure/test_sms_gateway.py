# -*- coding: utf-8 -*-
"""The SMS gateway's pure side (sms_gateway.py): the number, the parts of a Kazakh or Russian text, the request
SMSC.kz gets and its answers, without a network (an opener of the test's own stands for urllib)."""
import io
import socket
import urllib.error
import urllib.parse

import pytest

import sms_gateway
from sms_gateway import Answer, SmsError, build_request, check_url, normalize_phone, parse_answer, send, sms_parts


@pytest.mark.parametrize('typed', ['+7 (701) 123-45-67', '8 701 123 45 67', '87011234567', '77011234567',
                                   '7011234567', '+77011234567', ' 8(701)1234567 '])
def test_every_way_a_kazakh_number_is_written_is_one_number(typed):
    assert normalize_phone(typed) == '+77011234567'


def test_a_city_number_of_almaty_is_a_number_too():
    assert normalize_phone('8 727 250 00 00') == '+77272500000'


@pytest.mark.parametrize('typed', ['12345', '+380 44 123 45 67', '+7 701 123 45 6', '+7 701 123 45 678',
                                   '8 001 123 45 67', '7011234567x', 'қ701123456', '+49 30 1234567'])
def test_a_bad_number_is_refused_with_its_text(typed):
    with pytest.raises(SmsError) as exc:
        normalize_phone(typed)
    assert exc.value.code == 'bad_phone'
    assert exc.value.params['phone'] == typed.strip()
    assert 'not a phone number of Kazakhstan' in str(exc.value)


@pytest.mark.parametrize('empty', [None, False, '', '   '])
def test_no_number_is_its_own_refusal(empty):
    with pytest.raises(SmsError) as exc:
        normalize_phone(empty)
    assert exc.value.code == 'no_phone'


def test_a_latin_text_is_gsm7_160_then_153_a_part():
    assert sms_parts('a' * 160) == ('gsm7', 160, 1)
    assert sms_parts('a' * 161) == ('gsm7', 161, 2)
    assert sms_parts('a' * 306) == ('gsm7', 306, 2)
    assert sms_parts('a' * 307) == ('gsm7', 307, 3)
    assert sms_parts('{' * 80) == ('gsm7', 160, 1)         # an extension character is two septets
    assert sms_parts('') == ('gsm7', 0, 0)


def test_a_kazakh_or_russian_text_is_ucs2_70_then_67_a_part():
    kk = 'Айгерім мектепке 08:05-те келді.'
    assert sms_parts(kk) == ('ucs2', len(kk), 1)
    assert sms_parts('ә' * 70) == ('ucs2', 70, 1)
    assert sms_parts('ә' * 71) == ('ucs2', 71, 2)
    assert sms_parts('ж' * 134) == ('ucs2', 134, 2)
    assert sms_parts('ж' * 135) == ('ucs2', 135, 3)
    assert sms_parts('a' * 69 + 'ү') == ('ucs2', 70, 1)      # one Kazakh letter makes the whole text UCS-2


def test_a_text_of_more_than_five_parts_is_refused():
    assert sms_gateway.check_text('ә' * 335) == 5
    with pytest.raises(SmsError) as exc:
        sms_gateway.check_text('ә' * 336)
    assert (exc.value.code, exc.value.params) == ('too_long', {'parts': '6', 'limit': '5'})


def test_the_request_is_the_documented_post_in_utf8():
    url, body = build_request('https://smsc.kz/sys/send.php', 'school7', 's3cr&t', '+77011234567',
                              'Ұлыңыз асханада тамақтанды: 650 ₸, қалдық 1 200 ₸.')
    assert url == 'https://smsc.kz/sys/send.php'
    assert dict(urllib.parse.parse_qsl(body.decode('ascii'))) == {
        'login': 'school7', 'psw': 's3cr&t', 'phones': '+77011234567',
        'mes': 'Ұлыңыз асханада тамақтанды: 650 ₸, қалдық 1 200 ₸.', 'charset': 'utf-8', 'fmt': '3'}
    assert build_request('', 'a', 'b', '+77011234567', 'x')[0] == sms_gateway.DEFAULT_URL


def test_an_accepted_message_gives_its_id_and_count():
    assert parse_answer(b'{"id": 1234, "cnt": 2}') == Answer('sent', None, '1234', 2, '')


@pytest.mark.parametrize('code, kind, reason', [
    (1, 'failed', 'sms_provider_error'), (2, 'retry', 'sms_login'), (3, 'retry', 'sms_funds'),
    (4, 'retry', 'sms_blocked'), (6, 'failed', 'sms_refused'), (7, 'failed', 'bad_phone'),
    (8, 'failed', 'sms_undeliverable'), (9, 'failed', 'sms_duplicate'), (42, 'failed', 'sms_provider_error')])
def test_an_error_code_becomes_a_kind_and_a_reason(code, kind, reason):
    answer = parse_answer('{"error": "описание", "error_code": %d, "id": 77}' % code)
    assert (answer.kind, answer.reason, answer.ref) == (kind, reason, '77')
    assert answer.detail == '%d: описание' % code


@pytest.mark.parametrize('body', [b'<html>502 Bad Gateway</html>', b'', b'[1, 2]', b'{"cnt": 1}'])
def test_an_answer_that_is_not_the_apis_is_tried_again(body):
    assert parse_answer(body).kind == 'retry'
    assert parse_answer(body).reason == 'sms_network'


class FakeResponse(io.BytesIO):
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def test_send_posts_and_reads_the_answer():
    seen = {}

    def opener(request, timeout):
        seen.update(method=request.get_method(), url=request.full_url, data=request.data, timeout=timeout)
        return FakeResponse(b'{"id": 5, "cnt": 1}')

    answer = send('http://127.0.0.1:1/sys/send.php', 'l', 'p', '+77011234567', 'Сәлем', opener=opener)
    assert answer == Answer('sent', None, '5', 1, '')
    assert seen['method'] == 'POST' and seen['timeout'] == sms_gateway.TIMEOUT
    assert 'psw' not in seen['url'] and b'psw=p' in seen['data']


@pytest.mark.parametrize('error', [
    urllib.error.URLError(ConnectionRefusedError(111, 'Connection refused')), socket.timeout('timed out'),
    urllib.error.HTTPError('http://x', 503, 'Service Unavailable', {}, None), ConnectionResetError()],
    ids=['refused', 'timeout', 'http-503', 'reset'])
def test_a_network_failure_is_tried_again_and_never_shows_the_password(error):
    def opener(request, timeout):
        raise error

    answer = send('http://127.0.0.1:1/sys/send.php', 'login', 'SECRET-PW', '+77011234567', 'x', opener=opener)
    assert (answer.kind, answer.reason) == ('retry', 'sms_network')
    assert 'SECRET-PW' not in repr(answer)


@pytest.mark.parametrize('url', ['https://smsc.kz/sys/send.php', ' http://127.0.0.1:8069/sys/send.php '])
def test_an_http_address_is_a_gateway(url):
    assert check_url(url) == url.strip()


@pytest.mark.parametrize('url', ['file:///etc/passwd', 'ftp://smsc.kz/send', 'smsc.kz/sys/send.php', 'https://',
                                 'javascript:alert(1)'])
def test_any_other_address_is_refused_and_never_opened(url):
    with pytest.raises(SmsError) as exc:
        check_url(url)
    assert (exc.value.code, exc.value.params) == ('bad_url', {'url': url})

    def opener(request, timeout):
        raise AssertionError('opened %s' % request.full_url)

    assert send(url, 'l', 'p', '+77011234567', 'x', opener=opener).kind == 'retry'
