#ifndef RTKQL_CCURL_H
#define RTKQL_CCURL_H
#include <curl/curl.h>

/* Swift cannot call C variadic functions such as curl_easy_setopt: these
   fixed-signature shims forward one argument type each. */

CURLcode rtkql_curl_easy_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode rtkql_curl_easy_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode rtkql_curl_easy_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode rtkql_curl_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value);
CURLcode rtkql_curl_easy_setopt_offset(CURL *handle, CURLoption option, curl_off_t value);

typedef size_t (*rtkql_curl_data_callback)(char *ptr, size_t size, size_t nmemb, void *userdata);
CURLcode rtkql_curl_easy_setopt_write_function(CURL *handle, rtkql_curl_data_callback callback);
CURLcode rtkql_curl_easy_setopt_header_function(CURL *handle, rtkql_curl_data_callback callback);

typedef int (*rtkql_curl_xferinfo_callback)(void *clientp, curl_off_t dltotal, curl_off_t dlnow,
                                            curl_off_t ultotal, curl_off_t ulnow);
CURLcode rtkql_curl_easy_setopt_xferinfo_function(CURL *handle, rtkql_curl_xferinfo_callback callback);

CURLcode rtkql_curl_easy_getinfo_long(CURL *handle, CURLINFO info, long *value);
CURLcode rtkql_curl_easy_getinfo_double(CURL *handle, CURLINFO info, double *value);
CURLcode rtkql_curl_easy_getinfo_pointer(CURL *handle, CURLINFO info, void **value);

CURLMcode rtkql_curl_multi_setopt_long(CURLM *multi, CURLMoption option, long value);
/* Reads the multi handle's messages up to the next finished transfer: 1 and its handle and result,
   or 0 when no transfer has finished. */
int rtkql_curl_multi_next_done(CURLM *multi, CURL **easy, CURLcode *result);

#endif
