# GEMM targets, included by binding.gyp. The addon target depends on 'rnnlab_gemm'.
{
  'targets': [
    {
      'target_name': 'rnnlab_gemm',
      'type': 'static_library',
      'sources': ['gemm_naive.cpp'],
      'cflags_cc': ['-O3', '-std=c++17', '-fPIC'],
      'xcode_settings': { 'OTHER_CPLUSPLUSFLAGS': ['-O3', '-std=c++17'] },
      'msvs_settings': { 'VCCLCompilerTool': { 'Optimization': 2, 'AdditionalOptions': ['/std:c++17'] } },
    },
  ],
}
